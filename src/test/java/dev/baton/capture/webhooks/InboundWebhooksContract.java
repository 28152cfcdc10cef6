package dev.baton.capture.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.people.ContactDirectory;
import dev.baton.people.IdentityKind;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.Ids;
import dev.baton.platform.Role;
import dev.baton.web.api.ApiTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Inbound webhooks over real HTTP: registration, signed deliveries, and what is refused. */
public abstract class InboundWebhooksContract extends ApiTestSupport {

    @Autowired
    ActivityLog log;

    @Autowired
    ContactDirectory contacts;

    record Hook(String id, String secret) {
    }

    private Hook register(String activityType) {
        Response r = call("POST", "/api/v1/webhooks", tokens.get(Role.OPS), """
                {"name":"%s","activityType":"%s","channel":"webinar",
                 "mapping":{"email":"$.attendee.email","externalId":"$.attendee.crmId","phone":"phone",
                            "occurredAt":"$.joinedAt",
                            "properties":{"minutes":"$.minutes","topic":"session.topic","firstTag":"tags[0]"}}}"""
                .formatted(unique("webinar tool"), activityType));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("secret").asString()).startsWith("whsec_").hasSize(38);
        return new Hook(r.json().get("webhook").get("id").asString(), r.json().get("secret").asString());
    }

    @Test
    void registrationShowsTheSecretOnceAndIsForAdminAndOps() {
        Hook hook = register("webinar_attended");
        Response got = get("/api/v1/webhooks/" + hook.id());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).doesNotContain(hook.secret()).doesNotContain("secret");
        assertThat(got.json().get("mapping").get("email").asString()).isEqualTo("$.attendee.email");
        assertThat(got.json().get("receiveUrl").asString()).isEqualTo("/hooks/" + hook.id());
        assertThat(get("/api/v1/webhooks").body()).contains(hook.id()).doesNotContain(hook.secret());

        Response updated = put("/api/v1/webhooks/" + hook.id(), """
                {"name":"%s","activityType":"chat_transcript","mapping":{"email":"visitor.email"}}"""
                .formatted(unique("chat")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("activityType").asString()).isEqualTo("chat_transcript");

        assertThat(call("POST", "/api/v1/webhooks", tokens.get(Role.MARKETER),
                "{\"name\":\"x\",\"activityType\":\"x\",\"mapping\":{\"email\":\"e\"}}").status()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/webhooks", tokens.get(Role.VIEWER), null).status()).isEqualTo(403);

        Response bad = post("/api/v1/webhooks", """
                {"name":"%s","activityType":"Bad Type","channel":"carrier_pigeon",
                 "mapping":{"email":"$..email","properties":{"x":"a b"}}}""".formatted(unique("bad")));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.errorFields()).contains("activityType");
        Response badPaths = post("/api/v1/webhooks", """
                {"name":"%s","activityType":"chat","channel":"carrier_pigeon",
                 "mapping":{"email":"$..email","properties":{"x":"a b"}}}""".formatted(unique("bad")));
        assertThat(badPaths.status()).as(badPaths.toString()).isEqualTo(400);
        assertThat(badPaths.errorFields()).containsExactlyInAnyOrder("channel", "mapping.email", "mapping.properties.x");
        Response noPerson = post("/api/v1/webhooks", """
                {"name":"%s","activityType":"chat","mapping":{"occurredAt":"at"}}""".formatted(unique("bad")));
        assertThat(noPerson.status()).isEqualTo(400);
        assertThat(noPerson.errorFields()).containsExactly("mapping");

        assertThat(delete("/api/v1/webhooks/" + hook.id()).status()).isEqualTo(204);
        assertThat(get("/api/v1/webhooks/" + hook.id()).status()).isEqualTo(404);
        assertThat(deliver(hook.id(), hook.secret(), "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void signedDeliveryLandsOnExistingAndNewContacts() {
        Hook hook = register("webinar_attended");
        String known = unique("known") + "@example.com";
        long knownId = Ids.parse(create("/api/v1/contacts",
                "{\"email\":\"" + known + "\",\"lifecycleStage\":\"lead\"}"));
        long crmId = Ids.parse(newContact());
        String crmKey = unique("crm");
        contacts.link(List.of(new ContactDirectory.IdentityLink(crmId, IdentityKind.EXTERNAL_ID, crmKey)));
        String fresh = unique("Fresh") + "@Example.com";

        String body = """
                [{"attendee":{"email":"%s"},"joinedAt":"2026-11-20T15:00:00Z","minutes":42,
                  "session":{"topic":"Attribution 101"},"tags":["vip","emea"]},
                 {"attendee":{"email":"%s"},"joinedAt":1763650800,"minutes":5},
                 {"attendee":{"crmId":"%s"},"minutes":17},
                 {"attendee":{"email":"%s"},"minutes":9}]""".formatted(known, fresh, crmKey, fresh);
        long before = log.lastId();
        HttpResponse<String> r = deliver(hook.id(), hook.secret(), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode counts = JSON.readTree(r.body());
        assertThat(counts.get("received").asInt()).isEqualTo(4);
        assertThat(counts.get("appended").asInt()).isEqualTo(4);
        assertThat(counts.get("contactsCreated").asInt()).isEqualTo(1);

        long freshId = contacts.findByEmail(fresh.toLowerCase()).orElseThrow().id();
        List<Activity> appended = log.readAfter(before, 10);
        assertThat(appended).extracting(Activity::contactId).containsExactly(knownId, freshId, crmId, freshId);
        assertThat(appended).allSatisfy(a -> {
            assertThat(a.type()).isEqualTo("webinar_attended");
            assertThat(a.channel()).isEqualTo("webinar");
        });
        Activity first = appended.get(0);
        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
        JsonNode props = JSON.readTree(first.props());
        assertThat(props.get("minutes").asInt()).isEqualTo(42);
        assertThat(props.get("topic").asString()).isEqualTo("Attribution 101");
        assertThat(props.get("firstTag").asString()).isEqualTo("vip");
        assertThat(props.get("webhookId").asString()).isEqualTo(hook.id());
        assertThat(appended.get(1).occurredAt()).isEqualTo(Instant.ofEpochSecond(1763650800));
        assertThat(JSON.readTree(appended.get(1).props()).has("topic")).isFalse();

        // a single object is one item
        HttpResponse<String> single = deliver(hook.id(), hook.secret(), "{\"attendee\":{\"email\":\"" + known + "\"}}");
        assertThat(single.statusCode()).as(single.body()).isEqualTo(202);
        assertThat(log.readAfter(before, 10)).hasSize(5);
    }

    @Test
    void badSignatureIs401AndRecordsNothing() {
        Hook hook = register("sms_reply");
        String email = unique("nobody") + "@example.com";
        String body = "[{\"attendee\":{\"email\":\"" + email + "\"}}]";
        long before = log.lastId();
        HttpResponse<String> wrongSecret = deliver(hook.id(), "whsec_wrong", body);
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> unsigned = send(hook.id(), null, body);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        HttpResponse<String> tampered = send(hook.id(), "sha256=" + sign(hook.secret(), body), body.replace("[", "[ "));
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(log.lastId()).isEqualTo(before);
        assertThat(contacts.findByEmail(email)).isEmpty();
    }

    @Test
    void unmappableItemsAre400WithPerItemErrorsAndNothingAppended() {
        Hook hook = register("chat_transcript");
        String fresh = unique("fresh") + "@example.com";
        long before = log.lastId();
        HttpResponse<String> r = deliver(hook.id(), hook.secret(), """
                [{"attendee":{"email":"%s"}},
                 {"attendee":{"email":"not-an-email"}},
                 {"minutes":3},
                 {"attendee":{"crmId":"%s"}},
                 {"attendee":{"email":"%s"},"joinedAt":"yesterday"},
                 7]""".formatted(fresh, unique("unknown-crm"), fresh));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(r.body());
        List<String> fields = problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).containsExactly("items[1].email", "items[2]", "items[3]", "items[4].occurredAt", "items[5]");
        assertThat(log.lastId()).isEqualTo(before);
        assertThat(contacts.findByEmail(fresh)).isEmpty();

        HttpResponse<String> notJson = deliver(hook.id(), hook.secret(), "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"field\":\"body\"");
        HttpResponse<String> scalar = deliver(hook.id(), hook.secret(), "\"hello\"");
        assertThat(scalar.statusCode()).isEqualTo(400);
        assertThat(log.lastId()).isEqualTo(before);
    }

    private HttpResponse<String> deliver(String id, String secret, String body) {
        return send(id, "sha256=" + sign(secret, body), body);
    }

    private HttpResponse<String> send(String id, String signature, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/hooks/" + id)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Baton-Signature", signature);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
