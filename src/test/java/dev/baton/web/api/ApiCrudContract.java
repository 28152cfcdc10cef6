package dev.baton.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.Role;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CRUD round trips, cursor paging, bulk upsert and batch append over real HTTP. */
abstract class ApiCrudContract extends ApiTestSupport {

    @Test
    void contactRoundTrip() {
        String account = newAccount();
        String email = unique("ada") + "@Example.com";
        Response created = post("/api/v1/contacts", """
                {"email":"%s","firstName":"Ada","lastName":"Lovelace","title":"CTO","country":"GB",
                 "accountId":"%s","lifecycleStage":"mql","timeZone":"Europe/London","leadSource":"webinar"}"""
                .formatted(email, account));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode c = created.json();
        String id = c.get("id").asString();
        assertThat(id).hasSize(13);
        assertThat(created.header("Location")).endsWith("/api/v1/contacts/" + id);
        assertThat(c.get("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(c.get("lifecycleStage").asString()).isEqualTo("mql");
        assertThat(c.get("accountId").asString()).isEqualTo(account);
        assertThat(c.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        assertThat(get("/api/v1/contacts/" + id).json()).isEqualTo(c);

        // PUT is a full replacement: what the body omits becomes empty
        Response updated = put("/api/v1/contacts/" + id, """
                {"email":"%s","firstName":"Ada","lastName":"King","lifecycleStage":"customer"}""".formatted(email));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("lastName").asString()).isEqualTo("King");
        assertThat(updated.json().get("lifecycleStage").asString()).isEqualTo("customer");
        assertThat(updated.json().get("title").isNull()).isTrue();
        assertThat(updated.json().get("accountId").isNull()).isTrue();

        Response list = get("/api/v1/contacts?lifecycleStage=customer&q=" + email.substring(0, 10));
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.json())).containsExactly(id);
        assertThat(list.json().has("nextCursor")).isTrue();

        assertThat(delete("/api/v1/contacts/" + id).status()).isEqualTo(204);
        assertThat(get("/api/v1/contacts/" + id).status()).isEqualTo(404);
    }

    @Test
    void accountRoundTrip() {
        Response created = post("/api/v1/accounts", """
                {"name":"Globex","domain":"globex.example","industry":"Manufacturing","employees":1200,
                 "annualRevenue":50000000,"region":"EMEA","country":"DE"}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("employees").asInt()).isEqualTo(1200);

        Response updated = put("/api/v1/accounts/" + id, "{\"name\":\"Globex Corp\",\"employees\":1300}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Globex Corp");
        assertThat(updated.json().get("domain").isNull()).isTrue();
        assertThat(get("/api/v1/accounts/" + id).json().get("employees").asInt()).isEqualTo(1300);

        assertThat(delete("/api/v1/accounts/" + id).status()).isEqualTo(204);
        assertThat(get("/api/v1/accounts/" + id).status()).isEqualTo(404);
    }

    @Test
    void campaignRoundTripWithMembers() {
        String name = unique("Q3 webinar");
        Response created = post("/api/v1/campaigns", """
                {"name":"%s","type":"webinar","channel":"paid_search","status":"planned","startDate":"2026-07-01",
                 "endDate":"2026-09-30","plannedBudget":12500.75,"currency":"EUR","utmCampaign":"q3-webinar"}"""
                .formatted(name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode c = created.json();
        String id = c.get("id").asString();
        assertThat(c.get("channel").asString()).isEqualTo("paid_search");
        assertThat(c.get("type").asString()).isEqualTo("webinar");
        assertThat(c.get("startDate").asString()).isEqualTo("2026-07-01");
        assertThat(c.get("plannedBudget").decimalValue()).isEqualByComparingTo(new BigDecimal("12500.75"));

        Response updated = put("/api/v1/campaigns/" + id, """
                {"name":"%s","type":"webinar","channel":"webinar","status":"active","plannedBudget":3000,
                 "currency":"JPY"}""".formatted(name));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("status").asString()).isEqualTo("active");
        assertThat(updated.json().get("plannedBudget").decimalValue()).isEqualByComparingTo("3000");
        assertThat(updated.json().get("startDate").isNull()).isTrue();

        String contact = newContact();
        Response member = put("/api/v1/campaigns/" + id + "/members/" + contact, "{\"status\":\"registered\"}");
        assertThat(member.status()).as(member.toString()).isEqualTo(200);
        assertThat(member.json().get("status").asString()).isEqualTo("registered");
        assertThat(member.json().get("firstRespondedAt").isNull()).isFalse();
        Response members = get("/api/v1/campaigns/" + id + "/members");
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().get("data")).hasSize(1);
        assertThat(members.json().get("data").get(0).get("contactId").asString()).isEqualTo(contact);

        assertThat(delete("/api/v1/campaigns/" + id).status()).isEqualTo(204);
        assertThat(get("/api/v1/campaigns/" + id).status()).isEqualTo(404);
    }

    @Test
    void costEntryRoundTrip() {
        String campaign = newCampaign();
        Response created = post("/api/v1/cost-entries", """
                {"campaignId":"%s","periodStart":"2026-01-01","periodEnd":"2026-01-31","amount":1999.99,
                 "currency":"USD","note":"January ads"}""".formatted(campaign));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("amount").decimalValue()).isEqualByComparingTo("1999.99");

        Response updated = put("/api/v1/cost-entries/" + id, """
                {"campaignId":"%s","periodStart":"2026-01-01","periodEnd":"2026-02-28","amount":2500,
                 "currency":"USD"}""".formatted(campaign));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("periodEnd").asString()).isEqualTo("2026-02-28");
        assertThat(updated.json().get("note").isNull()).isTrue();

        Response list = get("/api/v1/cost-entries?campaignId=" + campaign);
        assertThat(ids(list.json())).containsExactly(id);

        assertThat(delete("/api/v1/cost-entries/" + id).status()).isEqualTo(204);
        assertThat(get("/api/v1/cost-entries/" + id).status()).isEqualTo(404);
    }

    @Test
    void opportunityRoundTripWithContactRoles() {
        String account = newAccount();
        String campaign = newCampaign();
        String champion = newContact();
        String buyer = newContact();
        Response created = call("POST", "/api/v1/opportunities", tokens.get(Role.SALES), """
                {"name":"Globex renewal","accountId":"%s","campaignId":"%s","stage":"discovery","amount":48000.00,
                 "currency":"USD","closeDate":"2026-12-15",
                 "contactRoles":[{"contactId":"%s","role":"champion","primary":true},
                                 {"contactId":"%s","role":"economic_buyer"}]}"""
                .formatted(account, campaign, champion, buyer));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode o = created.json();
        String id = o.get("id").asString();
        assertThat(o.get("stage").asString()).isEqualTo("discovery");
        assertThat(o.get("contactRoles")).hasSize(2);
        assertThat(o.get("amount").decimalValue()).isEqualByComparingTo("48000");

        Response updated = put("/api/v1/opportunities/" + id, """
                {"name":"Globex renewal","accountId":"%s","stage":"closed_won","amount":50000,"currency":"USD",
                 "contactRoles":[{"contactId":"%s","role":"decision_maker","primary":true}]}"""
                .formatted(account, buyer));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("won").asBoolean()).isTrue();
        assertThat(updated.json().get("campaignId").isNull()).isTrue();
        JsonNode roles = get("/api/v1/opportunities/" + id).json().get("contactRoles");
        assertThat(roles).hasSize(1);
        assertThat(roles.get(0).get("contactId").asString()).isEqualTo(buyer);
        assertThat(roles.get(0).get("role").asString()).isEqualTo("decision_maker");

        assertThat(ids(get("/api/v1/opportunities?contactId=" + buyer).json())).containsExactly(id);

        assertThat(delete("/api/v1/opportunities/" + id).status()).isEqualTo(204);
        assertThat(get("/api/v1/opportunities/" + id).status()).isEqualTo(404);
    }

    @Test
    void activityAppendGetListAndNoChanges() {
        String contact = newContact();
        Response created = post("/api/v1/activities", """
                {"occurredAt":"2026-03-01T10:15:30Z","type":"page.viewed","contactId":"%s","channel":"organic_search",
                 "utm":{"source":"google","medium":"organic"},"properties":{"url":"/pricing","ms":1234}}"""
                .formatted(contact));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode a = created.json();
        String id = a.get("id").asString();
        assertThat(a.get("occurredAt").asString()).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(a.get("channel").asString()).isEqualTo("organic_search");
        assertThat(a.get("properties").get("url").asString()).isEqualTo("/pricing");
        assertThat(a.get("utm").get("source").asString()).isEqualTo("google");

        assertThat(get("/api/v1/activities/" + id).json()).isEqualTo(a);
        processors.drain(dev.baton.platform.ActivityLog.INDEX_PROCESSOR);
        assertThat(ids(get("/api/v1/activities?contactId=" + contact + "&type=page.viewed").json()))
                .containsExactly(id);

        Response put = put("/api/v1/activities/" + id, "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.isProblem()).isTrue();
        assertThat(delete("/api/v1/activities/" + id).status()).isEqualTo(405);
        assertThat(get("/api/v1/activities/" + id).status()).isEqualTo(200);
    }

    @Test
    void userRoundTrip() {
        String email = unique("rep") + "@test.local";
        Response created = post("/api/v1/users", """
                {"email":"%s","displayName":"Rita Rep","role":"sales","timeZone":"America/Chicago",
                 "password":"a-long-password-1"}""".formatted(email));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("role").asString()).isEqualTo("sales");
        assertThat(created.json().has("password")).isFalse();

        Response updated = put("/api/v1/users/" + id, """
                {"email":"%s","displayName":"Rita R.","role":"marketer","enabled":false}""".formatted(email));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("role").asString()).isEqualTo("marketer");
        assertThat(updated.json().get("enabled").asBoolean()).isFalse();
        assertThat(updated.json().get("timeZone").asString()).isEqualTo("UTC");

        assertThat(ids(get("/api/v1/users?role=marketer&limit=500").json())).contains(id);
        assertThat(post("/api/v1/users", """
                {"email":"%s","displayName":"Again","role":"viewer"}""".formatted(email)).status()).isEqualTo(409);

        assertThat(delete("/api/v1/users/" + id).status()).isEqualTo(204);
        assertThat(get("/api/v1/users/" + id).status()).isEqualTo(404);
    }

    @Test
    void tokenIssueUseListRevoke() {
        Response issued = post("/api/v1/tokens", "{\"name\":\"ci\",\"scopes\":[\"api\"]}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String id = issued.json().get("id").asString();
        String secret = issued.json().get("secret").asString();
        assertThat(secret).startsWith("bt_");
        assertThat(issued.json().get("scopes").get(0).asString()).isEqualTo("api");

        assertThat(call("GET", "/api/v1/contacts", secret, null).status()).isEqualTo(200);
        Response listed = get("/api/v1/tokens?limit=500");
        assertThat(ids(listed.json())).contains(id);
        assertThat(listed.body()).doesNotContain(secret);

        assertThat(delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/contacts", secret, null).status()).isEqualTo(401);
        assertThat(delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
    }

    @Test
    void cursorPagingWalksEveryPageOnce() {
        String industry = unique("Paging");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            expected.add(create("/api/v1/accounts", "{\"name\":\"Pager " + i + "\",\"industry\":\"" + industry + "\"}"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = get("/api/v1/accounts?limit=3&industry=" + industry
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("data").size()).isLessThanOrEqualTo(3);
            seen.addAll(ids(page.json()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen).isSorted();
    }

    @Test
    void bulkUpsertCreatesThenUpdatesAndRerunChangesNothing() {
        String a = unique("bulk-a") + "@example.com";
        String b = unique("bulk-b") + "@example.com";
        String ext = unique("crm");
        String rows = """
                {"contacts":[{"email":"%s","firstName":"Ann","lifecycleStage":"lead"},
                             {"email":"%s","firstName":"Bob"},
                             {"externalId":"%s","firstName":"Cy","company":"Initech"}]}""".formatted(a, b, ext);
        Response first = post("/api/v1/contacts/bulk-upsert", rows);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        first.json().get("results").forEach(r -> {
            assertThat(r.get("result").asString()).isEqualTo("created");
            ids.add(r.get("id").asString());
        });
        List<JsonNode> before = ids.stream().map(id -> get("/api/v1/contacts/" + id).json()).toList();

        Response again = post("/api/v1/contacts/bulk-upsert", rows);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("updated").asInt()).isEqualTo(3);
        List<String> againIds = new ArrayList<>();
        again.json().get("results").forEach(r -> {
            assertThat(r.get("result").asString()).isEqualTo("updated");
            againIds.add(r.get("id").asString());
        });
        assertThat(againIds).isEqualTo(ids);
        assertThat(ids.stream().map(id -> get("/api/v1/contacts/" + id).json()).toList()).isEqualTo(before);

        Response changed = post("/api/v1/contacts/bulk-upsert", """
                {"contacts":[{"externalId":"%s","title":"VP Sales"}]}""".formatted(ext));
        assertThat(changed.json().get("results").get(0).get("id").asString()).isEqualTo(ids.get(2));
        JsonNode cy = get("/api/v1/contacts/" + ids.get(2)).json();
        assertThat(cy.get("title").asString()).isEqualTo("VP Sales");
        assertThat(cy.get("company").asString()).isEqualTo("Initech");
    }

    @Test
    void batchAppendThenListEveryActivity() {
        String contact = newContact();
        StringBuilder body = new StringBuilder("{\"activities\":[");
        for (int i = 0; i < 250; i++) {
            body.append(i == 0 ? "" : ",").append("""
                    {"occurredAt":"2026-02-01T00:00:%02dZ","type":"email.opened","contactId":"%s","channel":"email",
                     "properties":{"n":%d}}""".formatted(i % 60, contact, i));
        }
        body.append("]}");
        Response appended = call("POST", "/api/v1/activities/batch", ingestToken, body.toString());
        assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
        assertThat(appended.json().get("appended").asInt()).isEqualTo(250);
        processors.drain(dev.baton.platform.ActivityLog.INDEX_PROCESSOR);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = get("/api/v1/activities?limit=100&contactId=" + contact
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            for (String id : ids(page.json())) {
                assertThat(seen.add(id)).as("repeated %s", id).isTrue();
            }
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        Set<String> appendedIds = new HashSet<>();
        appended.json().get("ids").forEach(n -> appendedIds.add(n.asString()));
        assertThat(seen).isEqualTo(appendedIds);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }
}
