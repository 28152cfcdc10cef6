package dev.baton.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.AuditLog;
import dev.baton.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/contacts/{id}/merge and reading a merged contact, over real HTTP (decision 0010). */
abstract class ApiContactMergeContract extends ApiTestSupport {

    @Autowired
    AuditLog audit;

    private String contact(String email, String first, String last) {
        return create("/api/v1/contacts", """
                {"email":"%s","firstName":%s,"lastName":%s,"lifecycleStage":"lead"}""".formatted(email,
                first == null ? "null" : "\"" + first + "\"", last == null ? "null" : "\"" + last + "\""));
    }

    @Test
    void mergeAnswersTheSurvivorAndTheTombstoneReadsAsTheSurvivor() {
        String keepEmail = unique("keep") + "@example.com";
        String goneEmail = unique("gone") + "@example.com";
        String keep = contact(keepEmail, "Ada", null);
        String gone = contact(goneEmail, "Augusta", "King");

        Response merged = post("/api/v1/contacts/" + keep + "/merge", """
                {"mergeId":"%s","reason":"same person, two emails"}""".formatted(gone));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        JsonNode survivor = merged.json().get("survivor");
        assertThat(survivor.get("id").asString()).isEqualTo(keep);
        assertThat(survivor.get("firstName").asString()).isEqualTo("Ada");
        assertThat(survivor.get("lastName").asString()).isEqualTo("King");
        assertThat(merged.json().get("identitiesMoved").asInt()).isEqualTo(1);

        Response read = get("/api/v1/contacts/" + gone);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asString()).isEqualTo(keep);
        assertThat(read.header("Content-Location")).isEqualTo("/api/v1/contacts/" + keep);
        assertThat(ApiCrudContract.ids(get("/api/v1/contacts?q=" + goneEmail.substring(0, 12)).json())).isEmpty();
        assertThat(ApiCrudContract.ids(get("/api/v1/contacts?q=King").json())).contains(keep).doesNotContain(gone);
        assertThat(audit.recent(100)).anyMatch(e -> e.action().equals("contact.merged") && e.targetId().equals(keep)
                && e.detail().contains(gone) && e.detail().contains("same person, two emails"));

        // merging the tombstone again is a conflict naming the field
        Response again = post("/api/v1/contacts/" + keep + "/merge", "{\"mergeId\":\"%s\"}".formatted(gone));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).contains("application/problem+json");
        assertThat(again.json().get("errors").get(0).get("field").asString()).isEqualTo("mergeId");
    }

    @Test
    void badMergeRequestsNameTheField() {
        String a = contact(unique("a") + "@example.com", "A", null);

        Response self = post("/api/v1/contacts/" + a + "/merge", "{\"mergeId\":\"%s\"}".formatted(a));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.json().get("errors").get(0).get("field").asString()).isEqualTo("mergeId");

        Response missing = post("/api/v1/contacts/" + a + "/merge", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("mergeId");

        Response unknownPath = post("/api/v1/contacts/0QZZZZZZZZZZZ/merge", "{\"mergeId\":\"%s\"}".formatted(a));
        assertThat(unknownPath.status()).isEqualTo(404);

        String b = contact(unique("b") + "@example.com", "B", null);
        Response viewer = call("POST", "/api/v1/contacts/" + a + "/merge", tokens.get(Role.MARKETER),
                "{\"mergeId\":\"%s\"}".formatted(b));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(get("/api/v1/contacts/" + b).json().get("id").asString()).isEqualTo(b);
    }

    @Test
    void theContactPageOfAMergedContactRedirectsToTheSurvivorWithANotice() throws Exception {
        String keep = contact(unique("page") + "@example.com", "Page", "Keeper");
        String gone = contact(unique("page") + "@example.com", "Page", "Gone");
        assertThat(post("/api/v1/contacts/" + keep + "/merge", "{\"mergeId\":\"%s\"}".formatted(gone)).status())
                .isEqualTo(200);

        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        String login = browser.send(java.net.http.HttpRequest.newBuilder(uri("/login")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        var enc = (java.util.function.Function<String, String>) v -> java.net.URLEncoder.encode(v,
                java.nio.charset.StandardCharsets.UTF_8);
        var signedIn = browser.send(java.net.http.HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=" + enc.apply(email(Role.MARKETER))
                        + "&password=" + enc.apply(password(Role.MARKETER)) + "&_csrf=" + enc.apply(csrf.group(1))))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);

        var old = browser.send(java.net.http.HttpRequest.newBuilder(uri("/contacts/" + gone)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location").orElseThrow()).endsWith("/contacts/" + keep);
        var page = browser.send(java.net.http.HttpRequest.newBuilder(uri("/contacts/" + keep)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Contact " + gone + " was merged into this contact.", "Keeper");
    }
}
