package dev.baton.capture.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.baton.capture.IdentityResolver;
import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactMerges;
import dev.baton.people.IdentityKind;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ApiTokens;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.management.CampaignManagement;
import dev.baton.platform.UserDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Segment-compatible collector against a running Baton: Segment's own analytics-java client, and raw
 * HTTP for authentication, limits and malformed payloads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CollectorContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    UserDirectory users;

    @Autowired
    ActivityLog log;

    @Autowired
    ContactDirectory contacts;

    @Autowired
    IdentityResolver resolver;

    @Autowired
    CampaignManagement campaigns;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContactMerges merges;

    @Autowired
    dev.baton.platform.ProcessorRuntime runtime;

    String writeKey;
    String apiToken;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void issueKeys() {
        long admin = users.findByEmail("admin@test.local").orElseThrow().id();
        writeKey = tokens.issue(admin, "collector test", Set.of(ApiTokens.SCOPE_INGEST)).secret();
        apiToken = tokens.issue(admin, "collector api", Set.of(ApiTokens.SCOPE_API)).secret();
    }

    @Test
    void analyticsJavaCallsLandOnTheRightContact() throws Exception {
        long start = log.lastId();
        String anon = unique("anon");
        String user = unique("user");
        String email = unique("Ada") + "@Example.com";
        String previous = unique("old-crm");

        Analytics analytics = Analytics.builder(writeKey).endpoint("http://localhost:" + port).build();
        try {
            analytics.enqueue(PageMessage.builder("Pricing").anonymousId(anon)
                    .properties(Map.of("url", "https://shop.example/pricing"))
                    .context(Map.of("campaign", Map.of("source", "google", "medium", "cpc", "name", "spring-sale"),
                            "page", Map.of("url", "https://shop.example/pricing?utm_source=google",
                                    "referrer", "https://www.google.com/"))));
            analytics.enqueue(TrackMessage.builder("Signup Started").anonymousId(anon)
                    .properties(Map.of("plan", "pro")));
            analytics.enqueue(IdentifyMessage.builder().userId(user).anonymousId(anon)
                    .traits(Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace",
                            "phone", "020 7946 0018", "country", "GB", "title", "CTO")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(user)
                    .properties(Map.of("revenue", 42)));
            analytics.enqueue(ScreenMessage.builder("Home").userId(user));
            analytics.enqueue(GroupMessage.builder("acme-1").userId(user).traits(Map.of("name", "Acme")));
            analytics.enqueue(AliasMessage.builder(previous).userId(user));
            analytics.flush();
        } finally {
            analytics.shutdown();
        }

        List<Activity> landed = awaitActivities(start, 8,
                a -> a.props() != null && (a.props().contains(anon) || a.props().contains(user)));
        long contactId = contacts.resolve(IdentityKind.EXTERNAL_ID, user).orElseThrow();
        assertThat(contacts.resolve(IdentityKind.ANONYMOUS_ID, anon)).contains(contactId);
        assertThat(contacts.resolve(IdentityKind.EMAIL, email.toLowerCase())).contains(contactId);
        assertThat(contacts.resolve(IdentityKind.PHONE, "+442079460018")).contains(contactId);
        assertThat(contacts.resolve(IdentityKind.ANONYMOUS_ID, previous)).contains(contactId);

        Contact contact = contacts.find(contactId).orElseThrow();
        assertThat(contact.email()).isEqualTo(email.toLowerCase());
        assertThat(contact.firstName()).isEqualTo("Ada");
        assertThat(contact.lastName()).isEqualTo("Lovelace");
        assertThat(contact.title()).isEqualTo("CTO");
        assertThat(contact.phone()).isEqualTo("+442079460018");
        // created by the anonymous page view, then stitched
        assertThat(contact.lifecycleStage()).isEqualTo(LifecycleStage.SUBSCRIBER);

        assertThat(landed).extracting(Activity::contactId).containsOnly(contactId);
        assertThat(landed).extracting(Activity::type).contains("page_view", "signup_started", "identified",
                IdentityResolver.IDENTITY_STITCHED, "order_completed", "screen_view", "group", "alias");

        Activity page = only(landed, "page_view");
        assertThat(page.utm()).isEqualTo(new Activity.Utm("google", "cpc", "spring-sale", null, null));
        // attributed by the channel rules and utm_campaign matching
        assertThat(page.channel()).isEqualTo(Channel.PAID_SEARCH.code());
        assertThat(page.campaignId()).isNotNull();
        assertThat(campaigns.find(page.campaignId()).orElseThrow().utmCampaign()).isEqualTo("spring-sale");
        assertThat(only(landed, "identified").channel()).as("identify without UTM or page facts").isNull();
        JsonNode pageProps = JSON.readTree(page.props());
        assertThat(pageProps.get("url").asString()).isEqualTo("https://shop.example/pricing?utm_source=google");
        assertThat(pageProps.get("referrer").asString()).isEqualTo("https://www.google.com/");
        assertThat(pageProps.get("name").asString()).isEqualTo("Pricing");

        JsonNode signup = JSON.readTree(only(landed, "signup_started").props());
        assertThat(signup.get("event").asString()).isEqualTo("Signup Started");
        assertThat(signup.get("properties").get("plan").asString()).isEqualTo("pro");
        assertThat(JSON.readTree(only(landed, "order_completed").props()).get("properties").get("revenue").asInt())
                .isEqualTo(42);
        assertThat(JSON.readTree(only(landed, "group").props()).get("groupId").asString()).isEqualTo("acme-1");

        JsonNode stitched = JSON.readTree(landed.stream()
                .filter(a -> a.type().equals(IdentityResolver.IDENTITY_STITCHED)
                        && a.props().contains("EXTERNAL_ID"))
                .findFirst().orElseThrow().props());
        List<String> kinds = new ArrayList<>();
        stitched.get("identities").forEach(i -> kinds.add(i.get("kind").asString()));
        assertThat(kinds).contains("EXTERNAL_ID", "EMAIL", "PHONE");
        // the anonymous history happened before identify, and is on the same contact
        assertThat(only(landed, "page_view").id()).isLessThan(only(landed, "identified").id());
    }

    @Test
    void identifyingAnAnonymousVisitorWhoIsAlreadyAKnownContactMergesTheTwo() {
        long start = log.lastId();
        String user = unique("known");
        String anon = unique("anon");
        assertThat(send("/v1/identify", """
                {"userId":"%s","traits":{"email":"%s@example.com","firstName":"Grace"}}""".formatted(user, user))
                .status()).isEqualTo(200);
        assertThat(send("/v1/page", """
                {"anonymousId":"%s","name":"Docs"}""".formatted(anon)).status()).isEqualTo(200);
        long known = contacts.resolve(IdentityKind.EXTERNAL_ID, user).orElseThrow();
        long anonymous = contacts.resolve(IdentityKind.ANONYMOUS_ID, anon).orElseThrow();
        assertThat(anonymous).isNotEqualTo(known);
        assertThat(contacts.find(anonymous).orElseThrow().email()).isNull();
        assertThat(contacts.find(anonymous).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.SUBSCRIBER);

        assertThat(send("/v1/identify", """
                {"userId":"%s","anonymousId":"%s"}""".formatted(user, anon)).status()).isEqualTo(200);
        // the known contact was created first: it survives, and the anonymous contact becomes its tombstone
        assertThat(contacts.resolve(IdentityKind.ANONYMOUS_ID, anon)).contains(known);
        assertThat(contacts.find(anonymous)).isEmpty();
        assertThat(merges.survivorOf(anonymous)).contains(known);
        List<Activity> merged = log.readAfter(start, 1000).stream()
                .filter(a -> a.type().equals(ContactMerges.CONTACT_MERGED)).toList();
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0).contactId()).isEqualTo(known);
        JsonNode props = JSON.readTree(merged.get(0).props());
        assertThat(props.get("survivorId").asString()).isEqualTo(Ids.format(known));
        assertThat(props.get("mergedId").asString()).isEqualTo(Ids.format(anonymous));
        assertThat(props.get("reason").asString()).isEqualTo("identify: same anonymous id");
        // the anonymous page view is on the known contact's timeline
        runtime.drain(ActivityLog.INDEX_PROCESSOR);
        assertThat(log.timeline(ActivityLog.SubjectKind.CONTACT, known, null, 100)).extracting(Activity::type)
                .contains("page_view", "identified", ContactMerges.CONTACT_MERGED);
    }

    @Test
    void anAnonymousVisitorGetsOneContactAcrossCalls() {
        String anon = unique("anon");
        for (int i = 0; i < 3; i++) {
            assertThat(send("/v1/track", """
                    {"anonymousId":"%s","event":"Video Played"}""".formatted(anon)).status()).isEqualTo(200);
        }
        long id = contacts.resolve(IdentityKind.ANONYMOUS_ID, anon).orElseThrow();
        assertThat(contacts.identities(id)).hasSize(1);
    }

    @Test
    void identitiesResolveInBulk() {
        String user = unique("bulk");
        assertThat(send("/v1/identify", """
                {"userId":"%s","anonymousId":"%s-a","traits":{"email":"%s@Example.com"}}"""
                .formatted(user, user, user)).status()).isEqualTo(200);
        long id = contacts.resolve(IdentityKind.EXTERNAL_ID, user).orElseThrow();
        assertThat(contacts.resolveAll(IdentityKind.EMAIL, List.of(user.toUpperCase() + "@EXAMPLE.com", "nobody@x.io")))
                .containsExactly(Map.entry(user.toUpperCase() + "@EXAMPLE.com", id));
        assertThat(contacts.resolveAll(IdentityKind.ANONYMOUS_ID, List.of(user + "-a", user)))
                .containsExactly(Map.entry(user + "-a", id));
        // one resolver call, many claims: the second claim sees the contact the first created
        List<IdentityResolver.Resolution> r = resolver.resolve(List.of(
                new IdentityResolver.Claim(null, user + "-b", null, null, null, null, Instant.now(), "test"),
                new IdentityResolver.Claim(user, user + "-b", null, null, null, null, Instant.now(), "test")));
        // the second claim named both the contact the first created and the known one: they were merged, the older
        // (id) survived, and both claims resolve to it
        assertThat(r.get(1).contactId()).isEqualTo(id);
        assertThat(r.get(0).contactId()).isEqualTo(id);
        assertThat(contacts.resolve(IdentityKind.ANONYMOUS_ID, user + "-b")).contains(id);
        assertThat(r.get(1).activities()).isEmpty();
    }

    @Test
    void aResentMessageIsAcknowledgedButStoredOnce() throws Exception {
        long start = log.lastId();
        String anon = unique("retry");
        String messageId = UUID.randomUUID().toString();
        // analytics-java: the same message (same messageId) sent in two separate flushes, as after a lost answer
        Analytics analytics = Analytics.builder(writeKey).endpoint("http://localhost:" + port).build();
        try {
            for (int i = 0; i < 2; i++) {
                analytics.enqueue(TrackMessage.builder("Checkout Started").anonymousId(anon).messageId(messageId)
                        .properties(Map.of("attempt", i)));
                analytics.flush();
                awaitActivities(start, 1, a -> a.props() != null && a.props().contains(anon));
            }
            analytics.enqueue(TrackMessage.builder("Checkout Finished").anonymousId(anon));
            analytics.flush();
        } finally {
            analytics.shutdown();
        }
        List<Activity> landed = awaitActivities(start, 2, a -> a.props() != null && a.props().contains(anon));
        assertThat(landed).extracting(Activity::type).containsExactlyInAnyOrder("checkout_started",
                "checkout_finished");
        assertThat(JSON.readTree(only(landed, "checkout_started").props()).get("properties").get("attempt").asInt())
                .as("the first copy is the one kept").isEqualTo(0);

        // raw HTTP: a single call retried, a batch retried whole, and a duplicate inside one batch
        String single = """
                {"anonymousId":"%s","event":"Plan Viewed","messageId":"%s-single"}""".formatted(anon, anon);
        String batch = """
                {"batch":[{"type":"track","anonymousId":"%1$s","event":"Seat Added","messageId":"%1$s-b1"},
                 {"type":"page","anonymousId":"%1$s","name":"Seats","messageId":"%1$s-b2"},
                 {"type":"track","anonymousId":"%1$s","event":"Seat Added","messageId":"%1$s-b1"},
                 {"type":"track","anonymousId":"%1$s","event":"No Id"},
                 {"type":"track","anonymousId":"%1$s","event":"No Id"}]}""".formatted(anon);
        for (int attempt = 0; attempt < 3; attempt++) {
            Response r = send("/v1/track", single);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("success").asBoolean()).isTrue();
            assertThat(send("/v1/batch", batch).status()).isEqualTo(200);
        }
        List<Activity> all = log.readAfter(start, 10_000).stream()
                .filter(a -> a.props() != null && a.props().contains(anon) && a.contactId() != null
                        && !a.type().equals(IdentityResolver.IDENTITY_STITCHED))
                .toList();
        assertThat(all.stream().filter(a -> a.type().equals("plan_viewed"))).hasSize(1);
        assertThat(all.stream().filter(a -> a.type().equals("seat_added"))).hasSize(1);
        assertThat(all.stream().filter(a -> a.type().equals("page_view"))).hasSize(1);
        // messages without a messageId cannot be recognised as retries: every copy is stored
        assertThat(all.stream().filter(a -> a.type().equals("no_id"))).hasSize(6);
        assertThat(all).extracting(Activity::contactId).containsOnly(
                contacts.resolve(IdentityKind.ANONYMOUS_ID, anon).orElseThrow());
    }

    @Test
    void aMessageIdSeenBeforeTheWindowCountsAsNewAgain() {
        long start = log.lastId();
        String anon = unique("window");
        String old = anon + "-old";
        String recent = anon + "-recent";
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO collector_message (message_id, seen_at) VALUES (?, ?), (?, ?)")
                .params(old, now - Duration.ofHours(25).toMillis(), recent, now - Duration.ofHours(23).toMillis())
                .update();
        for (String id : List.of(old, recent)) {
            assertThat(send("/v1/track", """
                    {"anonymousId":"%s","event":"Window Checked","messageId":"%s"}""".formatted(anon, id)).status())
                    .isEqualTo(200);
        }
        List<Activity> stored = log.readAfter(start, 10_000).stream()
                .filter(a -> a.type().equals("window_checked") && a.props().contains(anon)).toList();
        assertThat(stored).as("only the id older than 24 hours is stored").hasSize(1);
        assertThat(stored.get(0).props()).contains(old);
        assertThat(jdbc.sql("SELECT seen_at FROM collector_message WHERE message_id = ?").param(old)
                .query(Long.class).single()).as("renewed").isGreaterThanOrEqualTo(now - 60_000);
    }

    @Test
    void groupCallsCreateAndUpdateTheAccountAndLinkTheContact() throws Exception {
        long start = log.lastId();
        String user = unique("grp-user");
        String groupId = unique("org");
        Analytics analytics = Analytics.builder(writeKey).endpoint("http://localhost:" + port).build();
        try {
            analytics.enqueue(IdentifyMessage.builder().userId(user).traits(Map.of("email", user + "@acme.example")));
            analytics.enqueue(GroupMessage.builder(groupId).userId(user).traits(Map.of("name", "Acme Rockets",
                    "website", "https://www.Acme-Rockets.example/about", "industry", "Aerospace",
                    "employees", 250, "address", Map.of("country", "DE"))));
            analytics.flush();
        } finally {
            analytics.shutdown();
        }
        awaitActivities(start, 1, a -> "group".equals(a.type()) && a.props().contains(groupId));
        long contactId = contacts.resolve(IdentityKind.EXTERNAL_ID, user).orElseThrow();
        long accountId = accounts.findByExternalId(groupId).orElseThrow();
        Account account = accounts.find(accountId).orElseThrow();
        assertThat(account.name()).isEqualTo("Acme Rockets");
        assertThat(account.domain()).isEqualTo("acme-rockets.example");
        assertThat(account.industry()).isEqualTo("Aerospace");
        assertThat(account.employees()).isEqualTo(250);
        assertThat(account.country()).isEqualTo("DE");
        assertThat(contacts.find(contactId).orElseThrow().accountId()).isEqualTo(accountId);

        // a later group call updates only the traits it sends; another member joins the same account
        String other = unique("grp-other");
        assertThat(send("/v1/group", """
                {"anonymousId":"%s","groupId":"%s","traits":{"employees":"300"}}""".formatted(other, groupId))
                .status()).isEqualTo(200);
        account = accounts.find(accountId).orElseThrow();
        assertThat(account.employees()).isEqualTo(300);
        assertThat(account.name()).isEqualTo("Acme Rockets");
        assertThat(account.industry()).isEqualTo("Aerospace");
        long otherContact = contacts.resolve(IdentityKind.ANONYMOUS_ID, other).orElseThrow();
        assertThat(contacts.find(otherContact).orElseThrow().accountId()).isEqualTo(accountId);
        assertThat(accounts.findByExternalId(groupId)).contains(accountId);

        // a group without traits still gets an account, named after the group id
        String bare = unique("bare");
        assertThat(send("/v1/group", """
                {"userId":"%s","groupId":"%s"}""".formatted(user, bare)).status()).isEqualTo(200);
        long bareAccount = accounts.findByExternalId(bare).orElseThrow();
        assertThat(accounts.find(bareAccount).orElseThrow().name()).isEqualTo(bare);
        assertThat(contacts.find(contactId).orElseThrow().accountId()).as("the latest group wins")
                .isEqualTo(bareAccount);

        // each group activity names both the contact and the account, so it is on both timelines
        List<Activity> groups = log.readAfter(start, 10_000).stream().filter(a -> a.type().equals("group")
                && (a.props().contains(groupId) || a.props().contains(bare))).toList();
        assertThat(groups).hasSize(3);
        assertThat(groups).extracting(Activity::accountId).containsExactly(accountId, accountId, bareAccount);
        assertThat(groups).extracting(Activity::contactId).containsExactly(contactId, otherContact, contactId);
        JsonNode first = JSON.readTree(groups.get(0).props());
        assertThat(first.get("accountId").asString()).isEqualTo(Ids.format(accountId));
        assertThat(first.get("accountCreated").asBoolean()).isTrue();
        assertThat(JSON.readTree(groups.get(1).props()).get("accountCreated").asBoolean()).isFalse();
    }

    @Test
    void authentication() {
        String body = """
                {"userId":"u-auth","event":"Clicked"}""";
        Response none = post("/v1/track", null, body);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("success").asBoolean()).isFalse();
        assertThat(none.json().get("message").asString()).contains("write key");

        assertThat(post("/v1/track", basic("bt_not-a-real-key"), body).status()).isEqualTo(401);
        Response api = post("/v1/track", basic(apiToken), body);
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("message").asString()).contains("ingest");
        assertThat(post("/v1/track", null, """
                {"userId":"u-auth","event":"Clicked","writeKey":"%s"}""".formatted(apiToken)).status()).isEqualTo(403);

        Response inBody = post("/v1/track", null, """
                {"userId":"u-auth","event":"Clicked","writeKey":"%s"}""".formatted(writeKey));
        assertThat(inBody.status()).as(inBody.body()).isEqualTo(200);
        assertThat(inBody.json().get("success").asBoolean()).isTrue();
        // a bearer token is not how Segment clients authenticate; a session cookie or CSRF is not needed either
        assertThat(post("/v1/track", "Bearer " + writeKey, body).status()).isEqualTo(401);
    }

    @Test
    void gzipBodiesAreAccepted() throws Exception {
        String user = unique("gzip");
        byte[] raw = """
                {"batch":[{"type":"track","userId":"%s","event":"Zipped"}]}""".formatted(user)
                .getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(raw);
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/batch"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .header("Authorization", basic(writeKey))
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(contacts.resolve(IdentityKind.EXTERNAL_ID, user)).isPresent();
    }

    @Test
    void browsersMayPostFromAnyOrigin() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/track"))
                .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://shop.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/page"))
                .header("Origin", "https://shop.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"anonymousId":"%s","writeKey":"%s"}""".formatted(unique("cors"), writeKey))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).contains("https://shop.example");
    }

    @Test
    void limits() {
        String big = "x".repeat(33 * 1024);
        Response tooBig = send("/v1/track", """
                {"userId":"u-big","event":"Big","properties":{"blob":"%s"}}""".formatted(big));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("message").asString()).contains("32 KB");

        String small = "y".repeat(1000);
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        int n = 0;
        while (batch.length() < 510 * 1024) {
            batch.append(n++ == 0 ? "" : ",").append("""
                    {"type":"track","userId":"u-batch","event":"Bulk","properties":{"p":"%s"}}""".formatted(small));
        }
        batch.append("]}");
        Response batchTooBig = send("/v1/batch", batch.toString());
        assertThat(batchTooBig.status()).isEqualTo(400);
        assertThat(batchTooBig.json().get("message").asString()).contains("500 KB");

        long before = log.lastId();
        Response oneBigMessage = send("/v1/batch", """
                {"batch":[{"type":"track","userId":"u-batch","event":"Ok"},
                 {"type":"track","userId":"u-batch","event":"Big","properties":{"blob":"%s"}}]}""".formatted(big));
        assertThat(oneBigMessage.status()).isEqualTo(400);
        assertThat(oneBigMessage.json().get("message").asString()).contains("batch[1]").contains("32 KB");
        assertThat(log.lastId()).as("nothing of a refused batch is written").isEqualTo(before);

        StringBuilder fits = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 400; i++) {
            fits.append(i == 0 ? "" : ",").append("""
                    {"type":"track","userId":"u-fits","event":"Bulk","properties":{"i":%d,"p":"%s"}}"""
                    .formatted(i, small));
        }
        fits.append("]}");
        Response ok = send("/v1/batch", fits.toString());
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        long landed = log.readAfter(before, 1000).stream()
                .filter(a -> a.type().equals("bulk") && a.props().contains("u-fits")).count();
        assertThat(landed).isEqualTo(400);
    }

    @Test
    void malformedPayloadsGetSegmentStyleErrors() {
        long before = log.lastId();
        assertError(send("/v1/track", "{\"userId\": \"u1\", \"event\": "), "Invalid JSON");
        assertError(send("/v1/track", "[1,2]"), "JSON object");
        assertError(send("/v1/track", """
                {"event":"Clicked"}"""), "userId or anonymousId is required");
        assertError(send("/v1/track", """
                {"userId":"u1"}"""), "event is required");
        assertError(send("/v1/group", """
                {"userId":"u1"}"""), "groupId is required");
        assertError(send("/v1/alias", """
                {"userId":"u1"}"""), "previousId is required");
        assertError(send("/v1/track", """
                {"userId":"u1","event":"E","timestamp":"yesterday"}"""), "timestamp");
        assertError(send("/v1/track", """
                {"userId":"u1","event":"E","properties":"not an object"}"""), "properties must be an object");
        assertError(send("/v1/batch", """
                {"batch":[{"type":"track","userId":"u1","event":"Fine"},{"type":"launch","userId":"u1"}]}"""),
                "batch[1]: type 'launch'");
        assertError(send("/v1/batch", """
                {"batch":[{"type":"identify"}]}"""), "batch[0]: userId or anonymousId is required");
        assertError(send("/v1/batch", """
                {"messages":[]}"""), "batch must be an array");
        assertThat(log.lastId()).as("refused calls write nothing").isEqualTo(before);
        assertThat(post("/v1/nothing", basic(writeKey), "{}").status()).isEqualTo(404);
    }

    @Test
    void timestampsAndEventNames() {
        long before = log.lastId();
        String user = unique("times");
        assertThat(send("/v1/track", """
                {"userId":"%s","event":"  Order Completed!! ","timestamp":"2026-03-01T10:15:30.250+02:00"}"""
                .formatted(user)).status()).isEqualTo(200);
        Instant sent = Instant.now();
        assertThat(send("/v1/track", """
                {"userId":"%s","event":"2nd-Step/Done","originalTimestamp":"%s","sentAt":"%s"}"""
                .formatted(user, sent.minus(Duration.ofHours(1)), sent)).status()).isEqualTo(200);
        Instant after = Instant.now();
        List<Activity> mine = log.readAfter(before, 100).stream().filter(a -> a.props().contains(user)).toList();
        Activity explicit = only(mine, "order_completed");
        assertThat(explicit.occurredAt()).isEqualTo(Instant.parse("2026-03-01T08:15:30.250Z"));
        assertThat(JSON.readTree(explicit.props()).get("event").asString()).isEqualTo("  Order Completed!! ");
        // skew correction: receivedAt - (sentAt - originalTimestamp), i.e. about an hour before receipt
        Activity skewed = only(mine, "nd_step_done");
        assertThat(skewed.occurredAt()).isBetween(sent.minus(Duration.ofHours(1)).minusSeconds(1),
                after.minus(Duration.ofHours(1)).plusSeconds(1));
    }

    private void assertError(Response r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/json");
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("message").asString()).contains(message);
    }

    private static Activity only(List<Activity> activities, String type) {
        List<Activity> found = activities.stream().filter(a -> a.type().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private List<Activity> awaitActivities(long after, int atLeast, Predicate<Activity> mine)
            throws InterruptedException {
        List<Activity> found = List.of();
        for (int i = 0; i < 300; i++) {
            found = log.readAfter(after, 10_000).stream().filter(mine).toList();
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(100);
        }
        assertThat(found).as("activities from analytics-java").hasSizeGreaterThanOrEqualTo(atLeast);
        return found;
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    Response send(String path, String body) {
        return post(path, basic(writeKey), body);
    }

    Response post(String path, String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
