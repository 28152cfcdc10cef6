package dev.baton.capture.forms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.capture.HostedForms;
import dev.baton.capture.PageViews;
import dev.baton.governance.ConsentLedger;
import dev.baton.governance.ConsentRecord;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.IdentityKind;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.Ids;
import dev.baton.platform.Role;
import dev.baton.web.api.ApiTestSupport;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Hosted forms over real HTTP: the forms API (and its bad input), the public page and posts, validation
 * messages, consent versioning, the spam defences (honeypot, minimum fill time, unsigned posts) and stitching
 * the snippet's anonymous history onto the contact who fills a form.
 */
@TestPropertySource(properties = {"baton.forms.min-fill-seconds=3", "baton.forms.submissions-per-minute=10000",
        "baton.capture.public-requests-per-minute=10000"})
public abstract class HostedFormsContract extends ApiTestSupport {

    @Autowired
    HostedForms forms;
    @Autowired
    PageViews pageViews;
    @Autowired
    ContactDirectory contacts;
    @Autowired
    ActivityLog log;
    @Autowired
    ConsentLedger consent;

    static final String CONSENT_TEXT = "Yes, email me product news. I can unsubscribe at any time.";

    String formJson(String name, String status, String consentText) {
        return """
                {"name":"%s","status":"%s","submitLabel":"Join",
                 "fields":[
                   {"name":"email","label":"Work email","type":"email","attribute":"email","required":true},
                   {"name":"first_name","label":"First name","type":"text","attribute":"first_name","required":true,"maxLength":40},
                   {"name":"company","label":"Company","type":"text","attribute":"company"},
                   {"name":"team_size","label":"Team size","type":"select","options":["1-10","11-50","51+"]},
                   {"name":"zip","label":"Postcode","type":"text","pattern":"[0-9]{5}","patternMessage":"Five digits, please."},
                   {"name":"lead_source","label":"Lead source","type":"hidden","defaultValue":"webinar-page"}],
                 "consents":[
                   {"name":"news","channel":"email","purpose":"marketing","text":"%s","required":false},
                   {"name":"terms","channel":"any","purpose":"terms","text":"I accept the terms.","required":true}],
                 "thankYouMessage":"Thanks, see you at the webinar!"}"""
                .formatted(name, status, consentText);
    }

    HostedForms.Form createForm(String status) {
        Response r = call("POST", "/api/v1/forms", tokens.get(Role.MARKETER), formJson(unique("Webinar"), status,
                CONSENT_TEXT));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return forms.find(Ids.parse(r.json().get("id").asString())).orElseThrow();
    }

    /** A token as if the page had been rendered {@code secondsAgo} seconds ago. */
    String token(HostedForms.Form form, int secondsAgo) {
        return forms.renderToken(forms.find(form.id()).orElseThrow(), Instant.now().minusSeconds(secondsAgo));
    }

    HttpResponse<String> postForm(String key, Map<String, String> values, String accept, String origin) {
        String body = values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/f/" + key)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", accept)
                .header("User-Agent", "FormsContract/1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> filled(HostedForms.Form form, String email) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("email", email);
        v.put("first_name", "Ada");
        v.put("company", "Analytical Engines");
        v.put("team_size", "11-50");
        v.put("zip", "12345");
        v.put("terms", "yes");
        v.put("news", "yes");
        v.put("utm_source", "newsletter");
        v.put("utm_medium", "email");
        v.put("utm_campaign", unique("autumn-webinar"));
        v.put("page_url", "https://www.example.org/webinar?utm_source=newsletter");
        v.put(HostedForms.TOKEN, token(form, 10));
        return v;
    }

    List<Activity> formActivities(long contactId) {
        return log.readAfter(0, 100_000).stream()
                .filter(a -> contactId == (a.contactId() == null ? -1 : a.contactId())).toList();
    }

    @Test
    void apiManagesFormsAndNamesEveryBadField() {
        HostedForms.Form form = createForm("draft");
        Response got = call("GET", "/api/v1/forms/" + Ids.format(form.id()), tokens.get(Role.OPS), null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("key").asString()).isEqualTo(form.key());
        assertThat(got.json().get("hostedUrl").asString()).isEqualTo("/f/" + form.key());
        assertThat(got.json().get("fields").get(1).get("attribute").asString()).isEqualTo("first_name");
        assertThat(got.json().get("consents").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/forms").body()).contains(form.key());

        assertThat(call("GET", "/api/v1/forms", tokens.get(Role.VIEWER), null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/forms", tokens.get(Role.SALES), formJson("x", "draft", "t")).status())
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/forms", null, null).status()).isEqualTo(401);

        Response bad = post("/api/v1/forms", """
                {"name":" ","fields":[
                   {"name":"Email","label":"","type":"text","attribute":"email"},
                   {"name":"utm_source","label":"Source","type":"text"},
                   {"name":"size","label":"Size","type":"select","options":[]},
                   {"name":"code","label":"Code","type":"text","pattern":"([a-z","maxLength":999}],
                 "consents":[{"name":"size","channel":"E-mail","purpose":"marketing","text":""}],
                 "redirectUrl":"javascript:alert(1)","campaignId":"nope"}""");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();
        assertThat(bad.errorFields()).containsExactly("campaignId");
        Response bad2 = post("/api/v1/forms", """
                {"name":" ","fields":[
                   {"name":"Email","label":"","type":"text","attribute":"email"},
                   {"name":"utm_source","label":"Source","type":"text"},
                   {"name":"size","label":"Size","type":"select","options":[]},
                   {"name":"code","label":"Code","type":"text","pattern":"([a-z","maxLength":999}],
                 "consents":[{"name":"size","channel":"E-mail","purpose":"marketing","text":""}],
                 "redirectUrl":"javascript:alert(1)"}""");
        assertThat(bad2.status()).as(bad2.toString()).isEqualTo(400);
        assertThat(bad2.errorFields()).containsExactlyInAnyOrder("name", "fields[0].name", "fields[0].label",
                "fields[0].attribute", "fields[1].name", "fields[2].options", "fields[3].maxLength",
                "fields[3].pattern", "fields", "consents[0].name", "consents[0].channel", "consents[0].text",
                "redirectUrl");
        Response badType = post("/api/v1/forms", """
                {"name":"x","fields":[{"name":"email","label":"E","type":"telepathy"}]}""");
        assertThat(badType.status()).as(badType.toString()).isEqualTo(400);
        assertThat(badType.errorFields()).anyMatch(f -> f.contains("type"));
        assertThat(post("/api/v1/forms", "{\"name\":\"x\"}").status()).isEqualTo(400);
        assertThat(post("/api/v1/forms", formJson(form.name(), "draft", "t")).status()).isEqualTo(409);
        assertThat(get("/api/v1/forms/not-an-id").status()).isEqualTo(404);

        assertThat(delete("/api/v1/forms/" + Ids.format(form.id())).status()).isEqualTo(204);
        assertThat(get("/api/v1/forms/" + Ids.format(form.id())).status()).isEqualTo(404);
    }

    @Test
    void consentTextsOfPublishedFormsAreVersioned() {
        HostedForms.Form draft = createForm("draft");
        String id = Ids.format(draft.id());
        // edits before the first publication do not make versions
        Response edited = put("/api/v1/forms/" + id, formJson(draft.name(), "draft", "Draft wording."));
        assertThat(edited.json().get("consents").get(0).get("version").asInt()).isEqualTo(1);
        Response published = put("/api/v1/forms/" + id, formJson(draft.name(), "published", CONSENT_TEXT));
        assertThat(published.json().get("consents").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(published.json().get("status").asString()).isEqualTo("published");
        // same text again: same version; the untouched box keeps its version too
        Response same = put("/api/v1/forms/" + id, formJson(draft.name(), "published", CONSENT_TEXT));
        assertThat(same.json().get("consents").get(0).get("version").asInt()).isEqualTo(1);
        Response changed = put("/api/v1/forms/" + id, formJson(draft.name(), "published",
                "Yes, email me product news and event invitations."));
        assertThat(changed.json().get("consents").get(0).get("version").asInt()).isEqualTo(2);
        assertThat(changed.json().get("consents").get(1).get("version").asInt()).isEqualTo(1);
        // unpublishing does not reset: the old words may still be on someone's screen
        Response unpublished = put("/api/v1/forms/" + id, formJson(draft.name(), "draft", "Third wording."));
        assertThat(unpublished.json().get("consents").get(0).get("version").asInt()).isEqualTo(3);

        // a submission records the version and words it was shown
        Response republished = put("/api/v1/forms/" + id, formJson(draft.name(), "published", "Third wording."));
        assertThat(republished.json().get("consents").get(0).get("version").asInt()).isEqualTo(3);
        HostedForms.Form form = forms.find(draft.id()).orElseThrow();
        String email = unique("versioned") + "@example.com";
        HttpResponse<String> r = postForm(form.key(), filled(form, email), "text/html", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long contactId = contacts.findByEmail(email).orElseThrow().id();
        assertThat(consent.history(contactId)).filteredOn(c -> c.purpose().equals("marketing"))
                .singleElement().satisfies(c -> {
                    assertThat(c.consentText()).isEqualTo("Third wording.");
                    assertThat(c.textVersion()).isEqualTo("3");
                });
    }

    @Test
    void plainPostCreatesContactActivityAndConsentRecords() {
        HostedForms.Form form = createForm("published");
        HttpResponse<String> page = http(HttpRequest.newBuilder(uri("/f/" + form.key()
                + "?utm_source=partner&anonymous_id=anon-page")).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Work email").contains(CONSENT_TEXT).contains("name=\"_baton_token\"")
                .contains("value=\"partner\"").contains("value=\"anon-page\"").contains("name=\"website_url\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors *");
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();

        String email = unique("Ada.Lovelace") + "@Example.com";
        Map<String, String> values = filled(form, email);
        long before = log.lastId();
        HttpResponse<String> r = postForm(form.key(), values, "text/html", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("Thanks, see you at the webinar!");

        Contact c = contacts.findByEmail(email.toLowerCase()).orElseThrow();
        assertThat(c.firstName()).isEqualTo("Ada");
        assertThat(c.company()).isEqualTo("Analytical Engines");
        List<Activity> appended = log.readAfter(before, 100);
        Activity submitted = appended.stream().filter(a -> a.type().equals("form_submitted")).findFirst()
                .orElseThrow();
        assertThat(submitted.contactId()).isEqualTo(c.id());
        assertThat(submitted.utm().source()).isEqualTo("newsletter");
        assertThat(submitted.utm().campaign()).isEqualTo(values.get("utm_campaign"));
        assertThat(submitted.channel()).isEqualTo("email");
        assertThat(submitted.campaignId()).as("campaign matched from utm_campaign").isNotNull();
        JsonNode props = JSON.readTree(submitted.props());
        assertThat(props.get("formKey").asString()).isEqualTo(form.key());
        assertThat(props.get("fields").get("team_size").asString()).isEqualTo("11-50");
        assertThat(props.get("fields").get("lead_source").asString()).isEqualTo("webinar-page");
        assertThat(props.get("url").asString()).isEqualTo("https://www.example.org/webinar?utm_source=newsletter");

        List<ConsentRecord> records = consent.history(c.id());
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(rec -> {
            assertThat(rec.source()).isEqualTo("form:" + form.key());
            assertThat(rec.textVersion()).isEqualTo("1");
            assertThat(rec.userAgent()).isEqualTo("FormsContract/1.0");
            assertThat(rec.ipAddress()).isNotBlank();
        });
        assertThat(records).extracting(ConsentRecord::consentText)
                .containsExactlyInAnyOrder(CONSENT_TEXT, "I accept the terms.");

        Response subs = get("/api/v1/forms/" + Ids.format(form.id()) + "/submissions");
        assertThat(subs.json().get(0).get("contactId").asString()).isEqualTo(Ids.format(c.id()));
        assertThat(get("/api/v1/forms").json().get("forms").findValues("submissions").stream()
                .anyMatch(n -> n.asLong() == 1)).isTrue();

        // an optional box left unticked records nothing for it
        String other = unique("no-news") + "@example.com";
        Map<String, String> noNews = filled(form, other);
        noNews.remove("news");
        assertThat(postForm(form.key(), noNews, "text/html", null).statusCode()).isEqualTo(200);
        assertThat(consent.history(contacts.findByEmail(other).orElseThrow().id()))
                .extracting(ConsentRecord::purpose).containsExactly("terms");
    }

    @Test
    void redirectSuccessAnswers303() {
        HostedForms.Form form = createForm("published");
        HostedForms.FormDraft d = form.draft();
        forms.update(form.id(), new HostedForms.FormDraft(d.name(), d.status(), d.fields(), d.consents(), null, null,
                "https://www.example.org/thanks", null));
        HostedForms.Form updated = forms.find(form.id()).orElseThrow();
        HttpResponse<String> r = postForm(updated.key(), filled(updated, unique("r") + "@example.com"), "text/html",
                null);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("https://www.example.org/thanks");
    }

    @Test
    void badInputIsShownBesideTheFieldsWithValuesKept() {
        HostedForms.Form form = createForm("published");
        Map<String, String> values = filled(form, "not-an-email");
        values.put("first_name", "");
        values.put("zip", "12");
        values.put("team_size", "5000");
        values.put("company", "Kept & <Escaped>");
        values.remove("terms");
        long before = log.lastId();
        HttpResponse<String> r = postForm(form.key(), values, "text/html", null);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("data-error-for=\"email\"").contains("Please enter a valid email address.")
                .contains("First name is required.").contains("Five digits, please.")
                .contains("Please choose one of the options.").contains("Please tick this box to continue.")
                .contains("value=\"Kept &amp; &lt;Escaped&gt;\"").doesNotContain("<Escaped>")
                .contains("value=\"not-an-email\"");
        assertThat(log.lastId()).isEqualTo(before);

        HttpResponse<String> json = postForm(form.key(), values, "application/json", "https://www.example.org");
        assertThat(json.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(json.body());
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("errors").propertyNames()).containsExactlyInAnyOrder("email", "first_name", "zip",
                "team_size", "terms");
        assertThat(body.get("token").asString()).isNotBlank();
        assertThat(json.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.org");

        // a draft or unknown form is not there
        HostedForms.Form draft = createForm("draft");
        assertThat(postForm(draft.key(), filled(draft, "x@example.com"), "text/html", null).statusCode())
                .isEqualTo(404);
        assertThat(http(HttpRequest.newBuilder(uri("/f/" + draft.key())).GET().build()).statusCode()).isEqualTo(404);
        assertThat(http(HttpRequest.newBuilder(uri("/f/nosuchform.js")).GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void spamDefencesStoreNothingButCount() {
        HostedForms.Form form = createForm("published");
        long before = log.lastId();
        String bot = unique("bot") + "@example.com";

        Map<String, String> honeypot = filled(form, bot);
        honeypot.put(HostedForms.HONEYPOT, "http://spam.example");
        HttpResponse<String> r = postForm(form.key(), honeypot, "text/html", null);
        assertThat(r.statusCode()).as("looks accepted to the bot").isEqualTo(200);
        assertThat(r.body()).contains("Thanks, see you at the webinar!");

        Map<String, String> tooFast = filled(form, bot);
        tooFast.put(HostedForms.TOKEN, token(form, 0));
        HttpResponse<String> fast = postForm(form.key(), tooFast, "text/html", null);
        assertThat(fast.statusCode()).isEqualTo(422);
        assertThat(fast.body()).contains("quicker than a person");

        Map<String, String> forged = filled(form, bot);
        forged.put(HostedForms.TOKEN, "1." + Instant.now().minusSeconds(60).toEpochMilli() + ".deadbeef");
        assertThat(postForm(form.key(), forged, "text/html", null).statusCode()).isEqualTo(422);
        Map<String, String> unsigned = filled(form, bot);
        unsigned.remove(HostedForms.TOKEN);
        assertThat(postForm(form.key(), unsigned, "text/html", null).statusCode()).isEqualTo(422);
        // a token of another form does not verify either
        HostedForms.Form other = createForm("published");
        Map<String, String> borrowed = filled(form, bot);
        borrowed.put(HostedForms.TOKEN, token(other, 60));
        assertThat(postForm(form.key(), borrowed, "text/html", null).statusCode()).isEqualTo(422);

        assertThat(contacts.findByEmail(bot)).isEmpty();
        assertThat(log.readAfter(before, 100)).noneMatch(a -> a.type().equals("form_submitted"));
        assertThat(forms.find(form.id()).orElseThrow().spamRejections()).isEqualTo(5);

        // a page rendered before an edit is sent back to be checked again, not stored against new words
        Map<String, String> stale = filled(form, unique("stale") + "@example.com");
        forms.update(form.id(), form.draft());
        HttpResponse<String> changed = postForm(form.key(), stale, "text/html", null);
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(changed.body()).contains("changed since you opened it");
    }

    @Test
    void formFillStitchesTheSnippetsAnonymousHistory() {
        HostedForms.Form form = createForm("published");
        String anon = unique("anon");
        HttpResponse<String> view = collect("{\"k\":\"" + pageViews.siteKey() + "\",\"aid\":\"" + anon + "\","
                + "\"url\":\"https://www.example.org/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand\","
                + "\"title\":\"Pricing\",\"ref\":\"https://www.google.com/\"}");
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(view.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.org");
        long anonymousContact = contacts.resolve(IdentityKind.ANONYMOUS_ID, anon).orElseThrow();
        Activity pageView = formActivities(anonymousContact).stream().filter(a -> a.type().equals("page_view"))
                .findFirst().orElseThrow();
        assertThat(pageView.utm().source()).isEqualTo("google");
        assertThat(pageView.channel()).isEqualTo("paid_search");
        assertThat(JSON.readTree(pageView.props()).get("title").asString()).isEqualTo("Pricing");

        String email = unique("stitched") + "@example.com";
        Map<String, String> values = filled(form, email);
        values.put("anonymous_id", anon);
        assertThat(postForm(form.key(), values, "application/json", "https://www.example.org").statusCode())
                .isEqualTo(200);
        Contact c = contacts.findByEmail(email).orElseThrow();
        assertThat(c.id()).as("the anonymous visitor became the known contact").isEqualTo(anonymousContact);
        assertThat(formActivities(c.id())).extracting(Activity::type)
                .contains("page_view", "form_submitted", "identity_stitched");

        // the site key is needed, and it opens nothing but page views
        assertThat(collect("{\"k\":\"site_wrong\",\"aid\":\"a\",\"url\":\"https://x.example/\"}").statusCode())
                .isEqualTo(401);
        assertThat(collect("{\"k\":\"" + pageViews.siteKey() + "\",\"url\":\"https://x.example/\"}").statusCode())
                .isEqualTo(400);
        assertThat(collect("{\"k\":\"" + pageViews.siteKey() + "\",\"aid\":\"a\",\"url\":\"javascript:1\"}")
                .statusCode()).isEqualTo(400);
        assertThat(collect("not json").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/forms", pageViews.siteKey(), null).status()).isEqualTo(401);

        HttpResponse<String> snippet = http(HttpRequest.newBuilder(uri("/t/baton.js")).GET().build());
        assertThat(snippet.statusCode()).isEqualTo(200);
        assertThat(snippet.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(snippet.headers().firstValue("Cache-Control").orElse("")).contains("max-age=3600");
        assertThat(snippet.body()).contains("baton_aid").contains("/t/collect");
    }

    HttpResponse<String> collect(String body) {
        return http(HttpRequest.newBuilder(uri("/t/collect")).header("Content-Type", "text/plain;charset=UTF-8")
                .header("Origin", "https://www.example.org").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> http(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
