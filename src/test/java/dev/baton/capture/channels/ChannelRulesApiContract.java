package dev.baton.capture.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.Role;
import dev.baton.web.api.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /api/v1/channel-rules over real HTTP: round trip, preview, classify, reset, bad rules and roles. */
abstract class ChannelRulesApiContract extends ApiTestSupport {

    static final String BASE = "/api/v1/channel-rules";

    @BeforeEach
    void defaults() {
        Response r = post(BASE + "/reset", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void roundTrip() {
        Response list = get(BASE);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        JsonNode first = list.json().get("data").get(0);
        assertThat(first.get("position").asInt()).isEqualTo(1);
        assertThat(first.get("builtin").asBoolean()).isTrue();
        int count = list.json().get("data").size();

        String hn = """
                {"referrer":"https://news.ycombinator.com/item?id=7","pageUrl":"https://acme.example/"}""";
        assertThat(post(BASE + "/classify", hn).json().get("channel").asString()).isEqualTo("referral");

        Response created = post(BASE, """
                {"name":"Hacker News","channel":"organic_social","position":1,
                 "conditions":[{"field":"referrer_host","operator":"in_list","values":["news.ycombinator.com"],
                                "label":"a tech forum"}]}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).endsWith(BASE + "/" + id);
        assertThat(created.json().get("position").asInt()).isEqualTo(1);
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        assertThat(created.json().get("conditions").get(0).get("operator").asString()).isEqualTo("in_list");
        assertThat(created.json().get("conditions").get(0).get("label").asString()).isEqualTo("a tech forum");
        assertThat(get(BASE + "/" + id).json()).isEqualTo(created.json());

        JsonNode decision = post(BASE + "/classify", hn).json();
        assertThat(decision.get("channel").asString()).isEqualTo("organic_social");
        assertThat(decision.get("channelLabel").asString()).isEqualTo("Organic social");
        assertThat(decision.get("rule").asString()).isEqualTo("Hacker News");
        assertThat(decision.get("reason").asString())
                .isEqualTo("referrer_host 'news.ycombinator.com' is a tech forum → Organic social");

        Response updated = put(BASE + "/" + id, """
                {"name":"Hacker News","channel":"Partners",
                 "conditions":[{"field":"referrer_host","operator":"equals","value":"news.ycombinator.com"}]}""");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("channel").asString()).isEqualTo("partners");
        assertThat(post(BASE + "/classify", hn).json().get("channel").asString()).isEqualTo("partners");

        List<String> ids = new ArrayList<>();
        get(BASE).json().get("data").forEach(r -> ids.add(r.get("id").asString()));
        assertThat(ids).hasSize(count + 1).startsWith(id);
        ids.remove(id);
        ids.add(id);
        Response reordered = post(BASE + "/reorder", JSON.writeValueAsString(java.util.Map.of("ids", ids)));
        assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
        assertThat(reordered.json().get("data").get(count).get("id").asString()).isEqualTo(id);
        assertThat(post(BASE + "/classify", hn).json().get("channel").asString()).isEqualTo("referral");

        assertThat(delete(BASE + "/" + id).status()).isEqualTo(204);
        assertThat(get(BASE + "/" + id).status()).isEqualTo(404);
        assertThat(delete(BASE + "/" + id).status()).isEqualTo(404);

        assertThat(post(BASE + "/reset", null).json().get("data").size()).isEqualTo(count);
    }

    @Test
    void previewDoesNotSave() {
        Response r = post(BASE + "/preview", """
                {"rule":{"name":"Review sites","channel":"partners",
                  "conditions":[{"field":"utm_source","operator":"regex","value":"^(capterra|g2)$"}]},
                 "samples":[{"utmSource":"capterra","utmMedium":"cpc"},{"utmSource":"google","utmMedium":"cpc"}]}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode rows = r.json();
        assertThat(rows.get(0).get("matches").asBoolean()).isTrue();
        assertThat(rows.get(0).get("decision").get("channel").asString()).isEqualTo("partners");
        assertThat(rows.get(0).get("current").get("channel").asString()).isEqualTo("paid_search");
        assertThat(rows.get(0).get("touch").get("utmSource").asString()).isEqualTo("capterra");
        assertThat(rows.get(1).get("matches").asBoolean()).isFalse();
        assertThat(rows.get(1).get("decision").isNull()).isTrue();
        assertThat(get(BASE).json().get("data")).allMatch(n -> n.get("builtin").asBoolean());

        Response bad = post(BASE + "/preview", """
                {"rule":{"name":"x","channel":"partners",
                  "conditions":[{"field":"utm_source","operator":"regex","value":"(unclosed"}]},"samples":[]}""");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactly("rule.conditions[0].value");
    }

    @Test
    void badRulesGetProblemDetailsNamingTheField() {
        assertRejected("""
                {"name":"x","channel":"email","conditions":[{"field":"utm_source","operator":"regex","value":"([a-z"}]}""",
                "conditions[0].value", "not a valid regex");
        assertRejected("""
                {"name":"x","channel":"email","conditions":[{"field":"utm_source","operator":"regex","value":"(x+)+y"}]}""",
                "conditions[0].value", "repeat");
        assertRejected("""
                {"name":"x","channel":"email","conditions":[{"field":"utm_colour","operator":"equals","value":"a"}]}""",
                "conditions[0].field", "unknown field 'utm_colour'");
        assertRejected("""
                {"name":"x","channel":"email","conditions":[{"field":"utm_source","operator":"sounds_like","value":"a"}]}""",
                "conditions[0].operator", "unknown operator 'sounds_like'");
        assertRejected("""
                {"name":"x","channel":"telepathy","conditions":[{"field":"utm_source","operator":"is_empty"}]}""",
                "channel", "unknown channel");
        assertRejected("""
                {"name":"","channel":"email","conditions":[{"field":"utm_source","operator":"is_empty"}]}""",
                "name", "");
        assertRejected("""
                {"name":"x","channel":"email","conditions":[]}""", "conditions", "");
        assertRejected("""
                {"name":"x","channel":"email","conditions":[{"field":"utm_source","operator":"in_list","values":[]}]}""",
                "conditions[0].values", "at least one");
        Response r = post(BASE + "/reorder", "{\"ids\":[\"nope\"]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorFields()).containsExactly("ids[0]");
        assertThat(put(BASE + "/0000000000000", """
                {"name":"x","channel":"email","conditions":[{"field":"utm_source","operator":"is_empty"}]}""")
                .status()).isEqualTo(404);
    }

    private void assertRejected(String body, String field, String message) {
        Response r = post(BASE, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.isProblem()).as(r.toString()).isTrue();
        assertThat(r.errorFields()).as(r.toString()).contains(field);
        assertThat(r.body()).contains(message);
    }

    @Test
    void onlyAdminAndOpsChangeRules() {
        String rule = """
                {"name":"Ops rule","channel":"email","conditions":[{"field":"utm_source","operator":"equals","value":"x"}]}""";
        assertThat(call("GET", BASE, tokens.get(Role.VIEWER), null).status()).isEqualTo(200);
        assertThat(call("GET", BASE, tokens.get(Role.SALES), null).status()).isEqualTo(200);
        assertThat(call("POST", BASE, tokens.get(Role.MARKETER), rule).status()).isEqualTo(403);
        assertThat(call("POST", BASE + "/reset", tokens.get(Role.VIEWER), null).status()).isEqualTo(403);
        assertThat(call("POST", BASE, tokens.get(Role.OPS), rule).status()).isEqualTo(201);
        assertThat(call("GET", BASE, null, null).status()).isEqualTo(401);
    }
}
