package dev.baton.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.AuditLog;
import dev.baton.platform.Role;
import dev.baton.web.api.ApiTestSupport;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The security model end to end over HTTP: API roles and scopes (401/403 as problem+json), UI form
 * login with session and CSRF, actuator access, sign-in auditing, security headers and the sign-in
 * rate limit (last, since it locks this client out for a minute).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WebSecurityContract extends ApiTestSupport {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @Autowired
    AuditLog audit;

    @Test
    @Order(1)
    void apiWithoutOrWithBadTokenIs401ProblemJson() {
        Response none = call("GET", "/api/v1/contacts", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.isProblem()).isTrue();
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.json().get("status").asInt()).isEqualTo(401);

        Response bad = call("GET", "/api/v1/contacts", "bt_not-a-real-token", null);
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.isProblem()).isTrue();
        assertThat(call("POST", "/api/v1/activities", null, "{}").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void viewerReadsButCannotWrite() {
        String viewer = tokens.get(Role.VIEWER);
        assertThat(call("GET", "/api/v1/contacts", viewer, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/campaigns", viewer, null).status()).isEqualTo(200);
        for (String path : new String[] {"/api/v1/contacts", "/api/v1/accounts", "/api/v1/campaigns",
                "/api/v1/cost-entries", "/api/v1/opportunities", "/api/v1/activities", "/api/v1/users",
                "/api/v1/tokens", "/api/v1/contacts/bulk-upsert", "/api/v1/activities/batch"}) {
            Response r = call("POST", path, viewer, "{}");
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.isProblem()).as(path).isTrue();
        }
        assertThat(call("DELETE", "/api/v1/contacts/0ABCDEFGHJKMN", viewer, null).status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void salesCannotReadCampaignsButWorksPipeline() {
        String sales = tokens.get(Role.SALES);
        assertThat(call("GET", "/api/v1/campaigns", sales, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/cost-entries", sales, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/contacts", sales, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/opportunities", sales, null).status()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/contacts", sales, "{}").status()).isEqualTo(403);
        // marketers write contacts but not opportunities
        String marketer = tokens.get(Role.MARKETER);
        assertThat(call("POST", "/api/v1/opportunities", marketer, "{}").status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/contacts", marketer, "{}").status()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/opportunities", sales, "{}").status()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void usersAndTokensAreForAdminsAndOps() {
        assertThat(call("GET", "/api/v1/users", tokens.get(Role.OPS), null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/users", tokens.get(Role.MARKETER), null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/users", tokens.get(Role.OPS), "{}").status()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/tokens", tokens.get(Role.OPS), null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/tokens", admin(), null).status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void ingestTokenOnlyAppendsActivities() {
        assertThat(call("GET", "/api/v1/contacts", ingestToken, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/activities", ingestToken, null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/contacts", ingestToken, "{}").status()).isEqualTo(403);
        String activity = "{\"occurredAt\":\"2026-05-01T08:00:00Z\",\"type\":\"form.submitted\"}";
        assertThat(call("POST", "/api/v1/activities", ingestToken, activity).status()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/activities/batch", ingestToken, "{\"activities\":[" + activity + "]}")
                .status()).isEqualTo(201);
        assertThat(call("GET", "/actuator/prometheus", ingestToken, null).status()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void actuatorIsForAdminAndOps() {
        assertThat(call("GET", "/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(call("GET", "/actuator/health/liveness", null, null).status()).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/actuator/prometheus", tokens.get(Role.VIEWER), null).status()).isEqualTo(403);
        assertThat(call("GET", "/actuator/prometheus", tokens.get(Role.OPS), null).status()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void uiRedirectsStrangersToLogin() throws Exception {
        HttpResponse<String> home = browser().send(request("/").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> docs = browser().send(request("/v3/api-docs").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(302);
        // an API token is not a UI credential
        HttpResponse<String> withToken = browser().send(request("/").header("Authorization", "Bearer " + admin())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(302);
    }

    @Test
    @Order(8)
    void uiPostsNeedCsrfAndSignInsAreAudited() throws Exception {
        HttpClient browser = browser();
        String csrf = csrf(browser);
        // no CSRF token: refused even with the right password
        HttpResponse<String> forged = form(browser, "/login", "username=admin%40test.local&password=admin-password-1");
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> wrong = form(browser, "/login", "username=admin%40test.local&password=wrong-password&_csrf="
                + enc(csrf));
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(audit.recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("auth.sign_in_failed");
            assertThat(e.actor()).isEqualTo("admin@test.local");
        });

        HttpResponse<String> ok = signIn(browser, Role.ADMIN);
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(audit.recent(20)).anySatisfy(e -> assertThat(e.action()).isEqualTo("auth.sign_in"));

        // signed in: the OpenAPI document and Swagger UI are served
        HttpResponse<String> docs = browser.send(request("/v3/api-docs").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        var openapi = JSON.readTree(docs.body());
        assertThat(openapi.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(openapi.path("paths").has("/api/v1/contacts/bulk-upsert")).isTrue();
        assertThat(openapi.path("paths").has("/api/v1/activities/batch")).isTrue();
        HttpResponse<String> swagger = browser.send(request("/swagger-ui/index.html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(swagger.statusCode()).isEqualTo(200);
        HttpResponse<String> swaggerRoot = browser.send(request("/swagger-ui.html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(swaggerRoot.statusCode()).isIn(200, 302);

        // the session is no API credential either: /api stays bearer-only
        HttpResponse<String> api = browser.send(request("/api/v1/contacts").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);

        // logout needs CSRF too
        assertThat(form(browser, "/logout", "").statusCode()).isEqualTo(403);
        HttpResponse<String> out = form(browser, "/logout", "_csrf=" + enc(csrf(browser)));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        assertThat(audit.recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("auth.sign_out");
            assertThat(e.actor()).isEqualTo("admin@test.local");
        });
        assertThat(browser.send(request("/v3/api-docs").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(302);
    }

    @Test
    @Order(9)
    void uiRolesAreEnforced() throws Exception {
        HttpClient sales = browser();
        assertThat(signIn(sales, Role.SALES).statusCode()).isEqualTo(302);
        HttpResponse<String> denied = sales.send(request("/campaigns").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(denied.body()).contains("403");
        assertThat(sales.send(request("/contacts").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isNotIn(302, 401, 403);
        assertThat(sales.send(request("/admin/users").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
        assertThat(sales.send(request("/system/processors").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
        assertThat(sales.send(request("/actuator/prometheus").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);

        HttpClient ops = browser();
        assertThat(signIn(ops, Role.OPS).statusCode()).isEqualTo(302);
        assertThat(ops.send(request("/admin/users").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
        assertThat(ops.send(request("/actuator/prometheus").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void securityHeadersAreSent() throws Exception {
        HttpResponse<String> login = browser().send(request("/login").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        Response api = get("/api/v1/contacts");
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("Cache-Control")).contains("no-store");
    }

    @Test
    @Order(100)
    void repeatedSignInAttemptsAreRateLimited() throws Exception {
        HttpClient browser = browser();
        String csrf = csrf(browser);
        int limited = 0;
        int lastStatus = 0;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = form(browser, "/login", "username=nobody%40test.local&password=guess-" + i
                    + "&_csrf=" + enc(csrf));
            lastStatus = r.statusCode();
            if (r.statusCode() == 429) {
                limited++;
            }
        }
        assertThat(lastStatus).isEqualTo(429);
        assertThat(limited).isBetween(2, 3);
        HttpResponse<String> blocked = signIn(browser, Role.ADMIN);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    }

    // ---- a small browser ------------------------------------------------------------------------

    HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Accept", "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8");
    }

    String csrf(HttpClient browser) throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(request("/login").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isIn(200, 302);
        if (page.statusCode() == 302) {
            page = browser.send(request("/").GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a _csrf field in %s", page.body()).isTrue();
        return m.group(1);
    }

    HttpResponse<String> signIn(HttpClient browser, Role role) throws IOException, InterruptedException {
        return form(browser, "/login", "username=" + enc(email(role)) + "&password=" + enc(password(role)) + "&_csrf="
                + enc(csrf(browser)));
    }

    HttpResponse<String> form(HttpClient browser, String path, String body) throws IOException, InterruptedException {
        return browser.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
