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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Inbound webhooks over real HTTP: registration, signed deliveries, replay protection, phone normalisation, and
 * what is refused. Phones without "+" and without a mapped country are read as US numbers here.
 */
@TestPropertySource(properties = "baton.capture.default-phone-region=US")
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
        String ts = now();
        HttpResponse<String> tampered = send(hook.id(), "sha256=" + sign(hook.secret(), ts + "." + body), ts, null,
                body.replace("[", "[ "));
        assertThat(tampered.statusCode()).isEqualTo(401);
        // the body signed alone (no timestamp in the HMAC) is refused too
        HttpResponse<String> bodyOnly = send(hook.id(), "sha256=" + sign(hook.secret(), body), ts, null, body);
        assertThat(bodyOnly.statusCode()).isEqualTo(401);
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

    @Test
    void anExactReplayIsAcknowledgedButAppliedOnce() {
        Hook hook = register("sms_reply");
        String email = unique("replay") + "@example.com";
        String body = "{\"attendee\":{\"email\":\"" + email + "\"}}";
        String ts = now();
        long before = log.lastId();
        HttpResponse<String> first = deliver(hook.id(), hook.secret(), ts, null, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        HttpResponse<String> replay = deliver(hook.id(), hook.secret(), ts, null, body);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(JSON.readTree(replay.body()).get("appended").asInt()).isZero();
        assertThat(log.readAfter(before, 10)).hasSize(1);

        // the same content signed at another moment is a new call and is applied
        String later = String.valueOf(Long.parseLong(ts) + 1);
        assertThat(deliver(hook.id(), hook.secret(), later, null, body).statusCode()).isEqualTo(202);
        assertThat(log.readAfter(before, 10)).hasSize(2);

        List<String> outcomes = get("/api/v1/webhooks/" + hook.id() + "/deliveries").json().get("deliveries")
                .valueStream().map(d -> d.get("outcome").asString()).toList();
        assertThat(outcomes).containsExactly("applied", "duplicate", "applied");
    }

    @Test
    void aRepeatedDeliveryIdIsNotAppliedTwiceEvenWhenResignedOrConcurrent() throws Exception {
        Hook hook = register("webinar_attended");
        String email = unique("retry") + "@example.com";
        String body = "{\"attendee\":{\"email\":\"" + email + "\"},\"minutes\":3}";
        String deliveryId = unique("evt");
        long before = log.lastId();
        assertThat(deliver(hook.id(), hook.secret(), now(), deliveryId, body).statusCode()).isEqualTo(202);
        // the sender retries a minute later with a fresh timestamp and signature
        String retryAt = String.valueOf(Instant.now().getEpochSecond() + 60);
        HttpResponse<String> retry = deliver(hook.id(), hook.secret(), retryAt, deliveryId, body);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(log.readAfter(before, 10)).hasSize(1);

        // several nodes (here: threads) receive the same new delivery at once: one applies it
        String racing = unique("race");
        String raceBody = "{\"attendee\":{\"email\":\"" + email + "\"},\"minutes\":4}";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<HttpResponse<String>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String ts = String.valueOf(Instant.now().getEpochSecond() + i);
                calls.add(() -> deliver(hook.id(), hook.secret(), ts, racing, raceBody));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
            }
            assertThat(statuses).containsOnly(200, 202).containsOnlyOnce(202);
        } finally {
            pool.shutdown();
        }
        assertThat(log.readAfter(before, 10)).hasSize(2);

        Response deliveries = get("/api/v1/webhooks/" + hook.id() + "/deliveries");
        assertThat(deliveries.json().get("deliveries").valueStream()
                .filter(d -> d.get("outcome").asString().equals("applied")).count()).isEqualTo(2);
        assertThat(deliveries.body()).contains(deliveryId, racing);
    }

    @Test
    void staleOrMissingTimestampsAre401AndRecorded() {
        Hook hook = register("chat_transcript");
        String body = "{\"attendee\":{\"email\":\"" + unique("stale") + "@example.com\"}}";
        long before = log.lastId();
        String sixMinutesAgo = String.valueOf(Instant.now().getEpochSecond() - 360);
        HttpResponse<String> stale = deliver(hook.id(), hook.secret(), sixMinutesAgo, null, body);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("Baton-Timestamp");
        String tenMinutesAhead = String.valueOf(Instant.now().getEpochSecond() + 600);
        assertThat(deliver(hook.id(), hook.secret(), tenMinutesAhead, null, body).statusCode()).isEqualTo(401);
        HttpResponse<String> noTimestamp = send(hook.id(), "sha256=" + sign(hook.secret(), body), null, null, body);
        assertThat(noTimestamp.statusCode()).isEqualTo(401);
        assertThat(noTimestamp.body()).contains("Baton-Timestamp header is missing");
        HttpResponse<String> notANumber = deliver(hook.id(), hook.secret(), "yesterday", null, body);
        assertThat(notANumber.statusCode()).isEqualTo(401);
        assertThat(log.lastId()).isEqualTo(before);

        JsonNode deliveries = get("/api/v1/webhooks/" + hook.id() + "/deliveries").json().get("deliveries");
        assertThat(deliveries.valueStream().map(d -> d.get("outcome").asString()).toList())
                .containsExactly("unauthorized", "unauthorized", "unauthorized", "unauthorized");
        assertThat(deliveries.get(3).get("error").asString()).contains("away from Baton's clock");
        assertThat(deliveries.get(3).get("httpStatus").asInt()).isEqualTo(401);
    }

    @Test
    void rotatingTheSecretRefusesTheOldOne() {
        Hook hook = register("sms_reply");
        String body = "{\"attendee\":{\"email\":\"" + unique("rot") + "@example.com\"}}";
        Response rotated = post("/api/v1/webhooks/" + hook.id() + "/secret", null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = rotated.json().get("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(hook.secret());
        assertThat(deliver(hook.id(), hook.secret(), body).statusCode()).isEqualTo(401);
        assertThat(deliver(hook.id(), fresh, body).statusCode()).isEqualTo(202);
        assertThat(call("POST", "/api/v1/webhooks/" + hook.id() + "/secret", tokens.get(Role.MARKETER), null)
                .status()).isEqualTo(403);
    }

    @Test
    void phonesAreNormalisedToE164BeforeMatching() {
        Response r = post("/api/v1/webhooks", """
                {"name":"%s","activityType":"sms_reply",
                 "mapping":{"phone":"$.from","country":"$.country","email":"$.email",
                            "properties":{"text":"$.text"}}}""".formatted(unique("sms tool")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Hook hook = new Hook(r.json().get("webhook").get("id").asString(), r.json().get("secret").asString());
        long berlin = Ids.parse(newContact());
        contacts.link(List.of(new ContactDirectory.IdentityLink(berlin, IdentityKind.PHONE, "+493012345678")));
        long boston = Ids.parse(newContact());
        contacts.link(List.of(new ContactDirectory.IdentityLink(boston, IdentityKind.PHONE, "+16175550123")));

        long before = log.lastId();
        HttpResponse<String> d = deliver(hook.id(), hook.secret(), """
                [{"from":"030 1234 5678","country":"de","text":"STOP"},
                 {"from":"+49 (30) 12345678","text":"hi"},
                 {"from":"(617) 555-0123","text":"yes"}]""");
        assertThat(d.statusCode()).as(d.body()).isEqualTo(202);
        assertThat(log.readAfter(before, 10)).extracting(Activity::contactId).containsExactly(berlin, berlin, boston);

        // a new person: the contact is created with the E.164 number linked as an identity
        String email = unique("newsms") + "@example.com";
        assertThat(deliver(hook.id(), hook.secret(), """
                {"from":"0171 2345678","country":"DE","email":"%s"}""".formatted(email)).statusCode())
                .isEqualTo(202);
        long created = contacts.findByEmail(email).orElseThrow().id();
        assertThat(contacts.resolve(IdentityKind.PHONE, "+491712345678")).contains(created);

        // a number that is no number is refused, naming the item and the path
        long last = log.lastId();
        HttpResponse<String> bad = deliver(hook.id(), hook.secret(), """
                [{"from":"+49 30 12345678","country":"DE","email":"%s"},{"from":"12","email":"%s"}]"""
                .formatted(email, email));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("items[1].phone").contains("$.from");
        assertThat(log.lastId()).isEqualTo(last);
    }

    private HttpResponse<String> deliver(String id, String secret, String body) {
        return deliver(id, secret, now(), null, body);
    }

    private HttpResponse<String> deliver(String id, String secret, String timestamp, String deliveryId, String body) {
        return send(id, "sha256=" + sign(secret, timestamp + "." + body), timestamp, deliveryId, body);
    }

    private static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    private HttpResponse<String> send(String id, String signature, String body) {
        return send(id, signature, now(), null, body);
    }

    private HttpResponse<String> send(String id, String signature, String timestamp, String deliveryId, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/hooks/" + id)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Baton-Signature", signature);
        }
        if (timestamp != null) {
            b.header("Baton-Timestamp", timestamp);
        }
        if (deliveryId != null) {
            b.header("Baton-Delivery-Id", deliveryId);
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
