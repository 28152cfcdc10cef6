package dev.baton.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.ApiTokens;
import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running Baton on a random port, spoken to over real HTTP with API tokens issued through
 * {@link ApiTokens}: one {@code api} token per role and one {@code ingest} key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApiTokens apiTokens;

    /** Subject filters on activities read the index the activity-index processor maintains. */
    @Autowired
    protected dev.baton.platform.ProcessorRuntime processors;

    @Autowired
    protected UserDirectory users;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    protected final Map<Role, String> tokens = new EnumMap<>(Role.class);
    protected String ingestToken;

    @BeforeAll
    protected void issueTokens() {
        for (Role role : Role.values()) {
            long userId = users.findByEmail(email(role))
                    .orElseGet(() -> users.create(new UserDirectory.UserDraft(email(role), role.name() + " user", role,
                            null, "UTC", true), password(role)))
                    .id();
            tokens.put(role, apiTokens.issue(userId, "test " + role, Set.of(ApiTokens.SCOPE_API)).secret());
        }
        long admin = users.findByEmail(email(Role.ADMIN)).orElseThrow().id();
        ingestToken = apiTokens.issue(admin, "test ingest", Set.of(ApiTokens.SCOPE_INGEST)).secret();
    }

    protected static String email(Role role) {
        return role == Role.ADMIN ? "admin@test.local" : role.name().toLowerCase(Locale.ROOT) + "@test.local";
    }

    protected static String password(Role role) {
        return role == Role.ADMIN ? "admin-password-1" : role.name().toLowerCase(Locale.ROOT) + "-password-1";
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String admin() {
        return tokens.get(Role.ADMIN);
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected Response call(String method, String path, String token, String body) {
        return call(method, path, token, body, "application/json");
    }

    protected Response call(String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json, */*;q=0.1");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Response get(String path) {
        return call("GET", path, admin(), null);
    }

    protected Response post(String path, String body) {
        return call("POST", path, admin(), body);
    }

    protected Response put(String path, String body) {
        return call("PUT", path, admin(), body);
    }

    protected Response delete(String path) {
        return call("DELETE", path, admin(), null);
    }

    /** Creates through the API and returns the new id, failing loudly if the fixture is rejected. */
    protected String create(String path, String body) {
        Response r = post(path, body);
        assertThat(r.status()).as("%s %s -> %s", path, body, r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    protected String newAccount() {
        return create("/api/v1/accounts", "{\"name\":\"" + unique("Acme") + "\",\"domain\":\"acme.example\"}");
    }

    protected String newContact() {
        return create("/api/v1/contacts", "{\"email\":\"" + unique("c") + "@example.com\",\"lifecycleStage\":\"lead\"}");
    }

    protected String newCampaign() {
        return create("/api/v1/campaigns", "{\"name\":\"" + unique("Spring launch") + "\",\"type\":\"webinar\","
                + "\"channel\":\"webinar\",\"status\":\"active\",\"currency\":\"USD\",\"plannedBudget\":1000.50}");
    }

    protected record Response(int status, String contentType, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        /** The field names in a problem document's errors[]. */
        public java.util.List<String> errorFields() {
            java.util.List<String> fields = new java.util.ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
