package dev.baton.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every write endpoint rejects malformed JSON, wrong JSON types, unknown enum values, over-long
 * strings, missing required fields, unknown fields and malformed ids with 400 problem+json naming the
 * field; plus 404/405/409/413/415 and bad query parameters. No request may produce a 500.
 */
abstract class ApiBadInputContract extends ApiTestSupport {

    /** A write endpoint with a valid body and the fields to spoil. Null means "this endpoint has none". */
    record Endpoint(String name, String method, String path, String validBody, String wrap, String wrongTypeField,
            String wrongTypeJson, String enumField, String enumJson, String stringField, String requiredField,
            String idField) {

        @Override
        public String toString() {
            return method + " " + name;
        }
    }

    enum Spoil { MALFORMED_JSON, WRONG_TYPE, UNKNOWN_ENUM, OVER_LONG_STRING, MISSING_REQUIRED, UNKNOWN_FIELD, BAD_ID }

    String account;
    String contact;
    String campaign;
    String cost;
    String opportunity;
    String user;

    @BeforeAll
    void fixtures() {
        account = newAccount();
        contact = newContact();
        campaign = newCampaign();
        cost = create("/api/v1/cost-entries", """
                {"campaignId":"%s","periodStart":"2026-01-01","periodEnd":"2026-01-31","amount":10,"currency":"USD"}"""
                .formatted(campaign));
        opportunity = create("/api/v1/opportunities", """
                {"name":"Fixture deal","accountId":"%s","stage":"prospecting","amount":100,"currency":"USD"}"""
                .formatted(account));
        user = create("/api/v1/users", "{\"email\":\"" + unique("u") + "@test.local\",\"displayName\":\"U\","
                + "\"role\":\"viewer\"}");
    }

    static final String CONTACT = """
            {"email":"{uniq}@example.com","firstName":"Ann","lifecycleStage":"lead","accountId":"{account}"}""";
    static final String ACCOUNT = """
            {"name":"{uniq}","employees":10}""";
    static final String CAMPAIGN = """
            {"name":"{uniq}","type":"email","channel":"email","status":"planned","currency":"USD","plannedBudget":5}""";
    static final String COST = """
            {"campaignId":"{campaign}","periodStart":"2026-01-01","periodEnd":"2026-01-31","amount":10.5,"currency":"USD"}""";
    static final String OPPORTUNITY = """
            {"name":"{uniq}","accountId":"{account}","stage":"prospecting","amount":100,"currency":"USD",
             "contactRoles":[{"contactId":"{contact}","role":"champion","primary":true}]}""";
    static final String ACTIVITY = """
            {"occurredAt":"2026-01-01T00:00:00Z","type":"page.viewed","contactId":"{contact}","channel":"email",
             "properties":{"a":1}}""";
    static final String USER = """
            {"email":"{uniq}@test.local","displayName":"Una","role":"viewer"}""";

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("contacts", "POST", "/api/v1/contacts", CONTACT, null, "firstName", "{\"x\":1}",
                        "lifecycleStage", "\"zombie\"", "firstName", "lifecycleStage", "accountId"),
                new Endpoint("contacts/{id}", "PUT", "/api/v1/contacts/{contact}", CONTACT, null, "firstName", "[1]",
                        "lifecycleStage", "\"zombie\"", "lastName", "lifecycleStage", "ownerId"),
                new Endpoint("contacts/bulk-upsert", "POST", "/api/v1/contacts/bulk-upsert",
                        "{\"email\":\"{uniq}@example.com\",\"firstName\":\"A\"}", "contacts", "firstName", "[1]",
                        "lifecycleStage", "\"zombie\"", "company", "email", "accountId"),
                new Endpoint("accounts", "POST", "/api/v1/accounts", ACCOUNT, null, "employees", "\"many\"",
                        null, null, "name", "name", "ownerId"),
                new Endpoint("accounts/{id}", "PUT", "/api/v1/accounts/{account}", ACCOUNT, null, "employees",
                        "\"many\"", null, null, "industry", "name", "ownerId"),
                new Endpoint("campaigns", "POST", "/api/v1/campaigns", CAMPAIGN, null, "plannedBudget", "\"lots\"",
                        "channel", "\"carrier_pigeon\"", "name", "status", "parentId"),
                new Endpoint("campaigns/{id}", "PUT", "/api/v1/campaigns/{campaign}", CAMPAIGN, null, "startDate",
                        "20260101.5", "type", "\"billboard\"", "utmCampaign", "currency", "parentId"),
                new Endpoint("campaigns/{id}/members/{contactId}", "PUT",
                        "/api/v1/campaigns/{campaign}/members/{contact}", "{\"status\":\"sent\"}", null, "at", "true",
                        "status", "\"ghosted\"", null, "status", null),
                new Endpoint("cost-entries", "POST", "/api/v1/cost-entries", COST, null, "amount", "\"ten\"", null,
                        null, "note", "amount", "campaignId"),
                new Endpoint("cost-entries/{id}", "PUT", "/api/v1/cost-entries/{cost}", COST, null, "periodStart",
                        "{\"y\":2026}", null, null, "note", "periodEnd", "campaignId"),
                new Endpoint("opportunities", "POST", "/api/v1/opportunities", OPPORTUNITY, null, "contactRoles",
                        "\"all\"", "stage", "\"won_maybe\"", "name", "accountId", "accountId"),
                new Endpoint("opportunities/{id}", "PUT", "/api/v1/opportunities/{opportunity}", OPPORTUNITY, null,
                        "amount", "[100]", "stage", "\"won_maybe\"", "name", "stage", "campaignId"),
                new Endpoint("activities", "POST", "/api/v1/activities", ACTIVITY, null, "properties", "\"text\"",
                        "channel", "\"carrier_pigeon\"", "type", "occurredAt", "contactId"),
                new Endpoint("activities/batch", "POST", "/api/v1/activities/batch", ACTIVITY, "activities",
                        "occurredAt", "true", "channel", "\"carrier_pigeon\"", "type", "type", "accountId"),
                new Endpoint("users", "POST", "/api/v1/users", USER, null, "enabled", "\"yes\"", "role",
                        "\"superuser\"", "displayName", "email", "teamId"),
                new Endpoint("users/{id}", "PUT", "/api/v1/users/{user}", USER, null, "displayName", "false", "role",
                        "\"superuser\"", "displayName", "role", "teamId"),
                new Endpoint("tokens", "POST", "/api/v1/tokens", "{\"name\":\"{uniq}\",\"scopes\":[\"api\"]}", null,
                        "scopes", "\"api\"", "scopes", "[\"root\"]", "name", "name", "userId"));
    }

    static Stream<Arguments> spoiledBodies() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Spoil s : Spoil.values()) {
                boolean applicable = switch (s) {
                    case UNKNOWN_ENUM -> e.enumField() != null;
                    case OVER_LONG_STRING -> e.stringField() != null;
                    case BAD_ID -> e.idField() != null;
                    default -> true;
                };
                if (applicable) {
                    cases.add(Arguments.of(e, s));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("spoiledBodies")
    void everyWriteEndpointRejectsBadInputNamingTheField(Endpoint e, Spoil spoil) {
        String prefix = e.wrap() == null ? "" : e.wrap() + "[0].";
        String body;
        String expectedField;
        if (spoil == Spoil.MALFORMED_JSON) {
            String valid = body(e, null);
            body = valid.substring(0, valid.length() / 2) + "\"oops";
            expectedField = null;
        } else {
            ObjectNode row = (ObjectNode) JSON.readTree(fill(e.validBody()));
            expectedField = switch (spoil) {
                case WRONG_TYPE -> {
                    row.set(e.wrongTypeField(), JSON.readTree(e.wrongTypeJson()));
                    yield e.wrongTypeField();
                }
                case UNKNOWN_ENUM -> {
                    row.set(e.enumField(), JSON.readTree(e.enumJson()));
                    yield e.enumField();
                }
                case OVER_LONG_STRING -> {
                    row.put(e.stringField(), "x".repeat(5_000));
                    yield e.stringField();
                }
                case MISSING_REQUIRED -> {
                    row.remove(e.requiredField());
                    yield e.requiredField();
                }
                case UNKNOWN_FIELD -> {
                    row.put("favouriteColour", "teal");
                    yield "favouriteColour";
                }
                case BAD_ID -> {
                    row.put(e.idField(), "not-an-id!");
                    yield e.idField();
                }
                default -> throw new IllegalStateException();
            };
            body = body(e, row);
            expectedField = prefix + expectedField;
        }
        Response r = call(e.method(), path(e), admin(), body);
        assertThat(r.status()).as("%s with %s -> %s", e, body, r).isEqualTo(400);
        assertThat(r.isProblem()).as(r.toString()).isTrue();
        assertThat(r.json().get("status").asInt()).isEqualTo(400);
        assertThat(r.json().get("title").asString()).isNotBlank();
        List<String> fields = r.errorFields();
        assertThat(fields).as(r.toString()).isNotEmpty().allSatisfy(f -> assertThat(f).isNotBlank());
        if (expectedField != null) {
            String expected = expectedField;
            assertThat(fields).as(r.toString()).anySatisfy(f -> assertThat(
                    f.equals(expected) || f.startsWith(expected + "[") || f.startsWith(expected + ".")).isTrue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void theValidBodyOfEachEndpointIsAccepted(Endpoint e) {
        String body = body(e, (ObjectNode) JSON.readTree(fill(e.validBody())));
        Response r = call(e.method(), path(e), admin(), body);
        assertThat(r.status()).as("%s with %s -> %s", e, body, r).isBetween(200, 299);
    }

    /** Every field of every write endpoint, set to each of a set of awkward values: never a 500. */
    @Test
    void noFieldMutationProducesA500() {
        List<String> awkward = List.of("null", "\"\"", "\" \"", "0", "-1", "1e400", "99999999999999999999",
                "\"" + "x".repeat(2_000) + "\"", "[]", "{}", "true", "\"0000000000000\"", "\"ZZZZZZZZZZZZZ\"",
                "\"\\u0000\\ud83d\"", "\"2026-02-30\"", "\"2026-01-01T00:00:00+25:00\"", "[null]", "[{}]");
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Endpoint e : endpoints()) {
            ObjectNode valid = (ObjectNode) JSON.readTree(fill(e.validBody()));
            for (String field : valid.propertyNames()) {
                for (String value : awkward) {
                    ObjectNode row = valid.deepCopy();
                    row.set(field, JSON.readTree(value));
                    Response r = call(e.method(), path(e), admin(), body(e, row));
                    requests++;
                    if (r.status() >= 500 || !(r.status() < 300 || r.isProblem())) {
                        failures.add(e + " " + field + "=" + value.substring(0, Math.min(40, value.length())) + " -> "
                                + r.status() + " " + r.body().substring(0, Math.min(300, r.body().length())));
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(500);
        assertThat(failures).isEmpty();
    }

    @Test
    void unknownOrMalformedPathIdsAre404() {
        String unknown = "0ABCDEFGHJKMN";
        for (String resource : List.of("contacts", "accounts", "campaigns", "cost-entries", "opportunities",
                "activities", "users", "tokens")) {
            for (String id : List.of(unknown, "nope")) {
                Response r = get("/api/v1/" + resource + "/" + id);
                assertThat(r.status()).as("%s/%s -> %s", resource, id, r).isEqualTo(404);
                assertThat(r.isProblem()).isTrue();
                if (!resource.equals("activities")) {
                    assertThat(delete("/api/v1/" + resource + "/" + id).status()).as(resource).isEqualTo(404);
                }
            }
        }
        assertThat(put("/api/v1/contacts/" + unknown, fill(CONTACT)).status()).isEqualTo(404);
        assertThat(put("/api/v1/accounts/" + unknown, fill(ACCOUNT)).status()).isEqualTo(404);
        assertThat(put("/api/v1/campaigns/" + unknown + "/members/" + contact, "{\"status\":\"sent\"}").status())
                .isEqualTo(404);
        assertThat(put("/api/v1/campaigns/" + campaign + "/members/" + unknown, "{\"status\":\"sent\"}").status())
                .isEqualTo(404);
        assertThat(get("/api/v1/campaigns/" + unknown + "/members").status()).isEqualTo(404);
        Response noRoute = get("/api/v1/no-such-thing");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.isProblem()).isTrue();
    }

    @Test
    void referencesToNothingAre400NamingTheField() {
        String unknown = "0ABCDEFGHJKMN";
        expectField(post("/api/v1/contacts", fill(CONTACT).replace(account, unknown)), 400, "accountId");
        expectField(post("/api/v1/opportunities", fill(OPPORTUNITY).replace(account, unknown)), 400, "accountId");
        expectField(post("/api/v1/opportunities", fill(OPPORTUNITY).replace(contact, unknown)), 400,
                "contactRoles[0].contactId");
        expectField(post("/api/v1/cost-entries", fill(COST).replace(campaign, unknown)), 400, "campaignId");
        expectField(post("/api/v1/activities", fill(ACTIVITY).replace(contact, unknown)), 400, "contactId");
        expectField(post("/api/v1/activities/batch", "{\"activities\":[" + fill(ACTIVITY) + ","
                + fill(ACTIVITY).replace(contact, unknown) + "]}"), 400, "activities[1].contactId");
        expectField(post("/api/v1/users", fill(USER).replace("}", ",\"teamId\":\"" + unknown + "\"}")), 400,
                "teamId");
        expectField(post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"api\"],\"userId\":\"" + unknown + "\"}"),
                400, "userId");
        expectField(post("/api/v1/campaigns", fill(CAMPAIGN).replace("}", ",\"parentId\":\"" + unknown + "\"}")),
                400, "parentId");
    }

    @Test
    void rulesAcrossFieldsNameTheField() {
        expectField(post("/api/v1/cost-entries", fill(COST).replace("2026-01-31", "2025-12-01")), 400, "periodEnd");
        expectField(post("/api/v1/cost-entries", fill(COST).replace("10.5", "10.555")), 400, "amount");
        expectField(post("/api/v1/cost-entries", fill(COST).replace("\"USD\"", "\"ZZZ\"")), 400, "currency");
        expectField(post("/api/v1/cost-entries", fill(COST).replace("10.5", "-1")), 400, "amount");
        expectField(post("/api/v1/campaigns", fill(CAMPAIGN).replace("\"USD\",\"plannedBudget\":5",
                "\"JPY\",\"plannedBudget\":5.5")), 400, "plannedBudget");
        expectField(post("/api/v1/contacts", fill(CONTACT).replace("\"Ann\"", "\"Ann\",\"timeZone\":\"Mars/Base\"")),
                400, "timeZone");
        expectField(post("/api/v1/contacts", fill(CONTACT).replace("@example.com", "")), 400, "email");
        expectField(post("/api/v1/activities", fill(ACTIVITY).replace("page.viewed", "Page Viewed")), 400, "type");
        expectField(post("/api/v1/activities", fill(ACTIVITY).replace("{\"a\":1}", "[1,2]")), 400, "properties");
        expectField(post("/api/v1/opportunities", fill(OPPORTUNITY).replace("\"primary\":true}",
                "\"primary\":true},{\"contactId\":\"" + contact + "\",\"role\":\"other\"}")), 400,
                "contactRoles[1].contactId");
        expectField(post("/api/v1/contacts/bulk-upsert", "{\"contacts\":[{\"firstName\":\"NoKey\"}]}"), 400,
                "contacts[0].email");
        expectField(post("/api/v1/activities", fill(ACTIVITY).replace("\"2026-01-01T00:00:00Z\"", "1767225600")), 400,
                "occurredAt");
        expectField(post("/api/v1/accounts", "{\"name\":\"Fractional\",\"employees\":1.5}"), 400, "employees");
        expectField(post("/api/v1/accounts", "{\"name\":42}"), 400, "name");
        expectField(post("/api/v1/accounts", "{\"name\":\"Big\",\"employees\":99999999999999999999}"), 400,
                "employees");
        expectField(post("/api/v1/contacts", ""), 400, "body");
        expectField(post("/api/v1/contacts", "[]"), 400, "body");
        expectField(post("/api/v1/contacts/bulk-upsert", "{}"), 400, "contacts");
    }

    @Test
    void unknownEnumValuesListTheAllowedOnes() {
        Response r = post("/api/v1/contacts", fill(CONTACT).replace("\"lead\"", "\"zombie\""));
        expectField(r, 400, "lifecycleStage");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("lead", "mql", "customer");
        Response q = get("/api/v1/contacts?lifecycleStage=zombie");
        expectField(q, 400, "lifecycleStage");
        assertThat(q.json().get("errors").get(0).get("message").asString()).contains("subscriber");
    }

    @Test
    void badQueryParametersAre400NamingTheParameter() {
        expectField(get("/api/v1/contacts?limit=0"), 400, "limit");
        expectField(get("/api/v1/contacts?limit=501"), 400, "limit");
        expectField(get("/api/v1/contacts?limit=ten"), 400, "limit");
        expectField(get("/api/v1/contacts?cursor=not-a-cursor"), 400, "cursor");
        expectField(get("/api/v1/accounts?ownerId=bad"), 400, "ownerId");
        expectField(get("/api/v1/activities?since=yesterday"), 400, "since");
        expectField(get("/api/v1/activities?type=Bad%20Type"), 400, "type");
        expectField(get("/api/v1/campaigns?channel=carrier_pigeon"), 400, "channel");
        expectField(get("/api/v1/cost-entries?from=2026-13-01"), 400, "from");
        expectField(get("/api/v1/campaigns/" + campaign + "/members?cursor=-5"), 400, "cursor");
        assertThat(get("/api/v1/campaigns?channel=EMAIL").status()).isEqualTo(200);
    }

    @Test
    void conflictsAre409() {
        String email = unique("dup") + "@example.com";
        assertThat(post("/api/v1/contacts", "{\"email\":\"" + email + "\",\"lifecycleStage\":\"lead\"}").status())
                .isEqualTo(201);
        Response dup = post("/api/v1/contacts", "{\"email\":\"" + email + "\",\"lifecycleStage\":\"lead\"}");
        expectField(dup, 409, "email");
        Response inUse = delete("/api/v1/accounts/" + account);
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.isProblem()).isTrue();
        assertThat(get("/api/v1/accounts/" + account).status()).isEqualTo(200);
    }

    @Test
    void wrongContentTypeIs415AndWrongMethodIs405() {
        Response r = call("POST", "/api/v1/contacts", admin(), fill(CONTACT), "text/plain");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.isProblem()).isTrue();
        Response m = call("PATCH", "/api/v1/contacts/" + contact, admin(), "{}");
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.isProblem()).isTrue();
        assertThat(m.header("Allow")).contains("PUT");
    }

    @Test
    void oversizedBatchesAre413() {
        StringBuilder activities = new StringBuilder("{\"activities\":[");
        String one = "{\"occurredAt\":\"2026-01-01T00:00:00Z\",\"type\":\"t\"}";
        for (int i = 0; i <= ActivitiesApi.MAX_BATCH; i++) {
            activities.append(i == 0 ? "" : ",").append(one);
        }
        Response a = post("/api/v1/activities/batch", activities.append("]}").toString());
        expectField(a, 413, "activities");

        StringBuilder contacts = new StringBuilder("{\"contacts\":[");
        for (int i = 0; i <= ContactsApi.MAX_UPSERT_ROWS; i++) {
            contacts.append(i == 0 ? "" : ",").append("{\"externalId\":\"x").append(i).append("\"}");
        }
        expectField(post("/api/v1/contacts/bulk-upsert", contacts.append("]}").toString()), 413, "contacts");
        assertThat(get("/api/v1/contacts?q=x5000").json().get("data")).isEmpty();
    }

    @Test
    void hugeBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/activities/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (ApiBodyLimit.MAX_BYTES + 1)
                    + "\r\nConnection: close\r\n\r\n{\"activities\":[").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            // the answer comes while the client is still "sending": read the head only
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 413");
            assertThat(head.toString().toLowerCase(java.util.Locale.ROOT)).contains("application/problem+json");
        }
    }

    @Test
    void adminsCannotDemoteOrDisableThemselves() {
        String self = users.findByEmail(email(dev.baton.platform.Role.ADMIN)).orElseThrow().id() + "";
        String id = dev.baton.platform.Ids.format(Long.parseLong(self));
        expectField(put("/api/v1/users/" + id, "{\"email\":\"admin@test.local\",\"displayName\":\"Admin\","
                + "\"role\":\"viewer\"}"), 409, "role");
        expectField(put("/api/v1/users/" + id, "{\"email\":\"admin@test.local\",\"displayName\":\"Admin\","
                + "\"role\":\"admin\",\"enabled\":false}"), 409, "enabled");
        expectField(delete("/api/v1/users/" + id), 409, "id");
        assertThat(get("/api/v1/users/" + id).json().get("role").asString()).isEqualTo("admin");
    }

    void expectField(Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.toString()).isTrue();
        assertThat(r.errorFields()).as(r.toString()).contains(field);
    }

    String path(Endpoint e) {
        return fill(e.path());
    }

    String body(Endpoint e, ObjectNode row) {
        ObjectNode r = row == null ? (ObjectNode) JSON.readTree(fill(e.validBody())) : row;
        if (e.wrap() == null) {
            return r.toString();
        }
        ObjectNode wrapper = JSON.createObjectNode();
        ArrayNode list = wrapper.putArray(e.wrap());
        list.add(r);
        return wrapper.toString();
    }

    String fill(String template) {
        return template.replace("{uniq}", unique("x")).replace("{account}", account).replace("{contact}", contact)
                .replace("{campaign}", campaign).replace("{cost}", cost).replace("{opportunity}", opportunity)
                .replace("{user}", user);
    }

}
