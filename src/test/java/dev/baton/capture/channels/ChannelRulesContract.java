package dev.baton.capture.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.capture.CampaignMatcher;
import dev.baton.capture.ChannelDecision;
import dev.baton.capture.ChannelRules;
import dev.baton.capture.ChannelRules.Condition;
import dev.baton.capture.ChannelRules.Field;
import dev.baton.capture.ChannelRules.InvalidRuleException;
import dev.baton.capture.ChannelRules.Operator;
import dev.baton.capture.ChannelRules.PreviewRow;
import dev.baton.capture.ChannelRules.Rule;
import dev.baton.capture.ChannelRules.RuleDraft;
import dev.baton.capture.Touch;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.platform.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Channel grouping and utm_campaign matching against a real database, written once and run on each engine. */
@SpringBootTest
@ActiveProfiles("test")
abstract class ChannelRulesContract {

    @Autowired
    ChannelRules rules;
    @Autowired
    CampaignMatcher matcher;
    @Autowired
    CampaignManagement campaigns;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void defaults() {
        rules.resetToDefaults();
    }

    static Touch utm(String source, String medium) {
        return Touch.utm(source, medium, null);
    }

    static Touch ref(String referrer) {
        return Touch.referred(referrer, "https://www.acme.example/pricing");
    }

    private record Case(String what, Touch touch, Channel expected) {
    }

    @Test
    void defaultRulesGroupRealWorldTouches() {
        List<Case> cases = List.of(
                new Case("google cpc", utm("google", "cpc"), Channel.PAID_SEARCH),
                new Case("Google CPC in capitals with spaces", utm(" Google ", "CPC "), Channel.PAID_SEARCH),
                new Case("bing ppc", utm("bing", "ppc"), Channel.PAID_SEARCH),
                new Case("google.com paidsearch", utm("google.com", "paidsearch"), Channel.PAID_SEARCH),
                new Case("gclid on the landing page", new Touch(null, null, null, null, null,
                        "https://www.google.com/", "https://acme.example/demo?gclid=EAIaIQ&x=1"), Channel.PAID_SEARCH),
                new Case("msclkid on the landing page", new Touch(null, null, null, null, null, null,
                        "https://acme.example/?utm_x=1&msclkid=abc"), Channel.PAID_SEARCH),
                new Case("facebook paid_social", utm("facebook", "paid_social"), Channel.PAID_SOCIAL),
                new Case("linkedin cpc", utm("linkedin", "cpc"), Channel.PAID_SOCIAL),
                new Case("instagram paid", utm("ig", "paid"), Channel.PAID_SOCIAL),
                new Case("linkedin organic referrer", ref("https://www.linkedin.com/feed/"), Channel.ORGANIC_SOCIAL),
                new Case("linkedin android app", ref("android-app://com.linkedin.android/"), Channel.ORGANIC_SOCIAL),
                new Case("t.co", ref("https://t.co/AbC123xyz"), Channel.ORGANIC_SOCIAL),
                new Case("facebook mobile", ref("https://m.facebook.com/"), Channel.ORGANIC_SOCIAL),
                new Case("twitter social medium", utm("twitter", "social"), Channel.ORGANIC_SOCIAL),
                new Case("youtube source only", utm("youtube", null), Channel.ORGANIC_SOCIAL),
                new Case("google referrer", ref("https://www.google.com/"), Channel.ORGANIC_SEARCH),
                new Case("google.co.uk referrer", ref("https://www.google.co.uk/search?q=baton"), Channel.ORGANIC_SEARCH),
                new Case("duckduckgo referrer", ref("https://duckduckgo.com/"), Channel.ORGANIC_SEARCH),
                new Case("organic medium", utm("google", "organic"), Channel.ORGANIC_SEARCH),
                new Case("newsletter medium", utm("hubspot", "newsletter"), Channel.EMAIL),
                new Case("e-mail medium", utm("nurture", "E-Mail"), Channel.EMAIL),
                new Case("email source only", utm("email", null), Channel.EMAIL),
                new Case("gmail web client", ref("https://mail.google.com/mail/u/0/"), Channel.EMAIL),
                new Case("display banner", utm("doubleclick", "banner"), Channel.DISPLAY),
                new Case("display cpm", utm("adroll", "cpm"), Channel.DISPLAY),
                new Case("affiliate", utm("partnerstack", "affiliate"), Channel.PARTNERS),
                new Case("partner", utm("acme-reseller", "partner"), Channel.PARTNERS),
                new Case("trade show", utm("saastr", "tradeshow"), Channel.EVENTS),
                new Case("conference", utm("dreamforce", "conference"), Channel.EVENTS),
                new Case("webinar", utm("on24", "webinar"), Channel.WEBINAR),
                new Case("QR on a postcard", utm("postcard", "qr"), Channel.DIRECT_MAIL),
                new Case("QR source only", utm("qr", null), Channel.DIRECT_MAIL),
                new Case("direct mail medium", utm("lob", "direct_mail"), Channel.DIRECT_MAIL),
                new Case("print", utm("magazine", "print"), Channel.DIRECT_MAIL),
                new Case("other site", ref("https://news.ycombinator.com/item?id=1"), Channel.REFERRAL),
                new Case("referral medium", utm("g2", "referral"), Channel.REFERRAL),
                new Case("self-referral", new Touch(null, null, null, null, null, "https://www.acme.example/blog",
                        "https://acme.example/pricing"), Channel.DIRECT),
                new Case("self-referral from a subdomain", new Touch(null, null, null, null, null,
                        "https://blog.acme.example/post", "https://www.acme.example/pricing"), Channel.DIRECT),
                new Case("nothing at all", new Touch(null, null, null, null, null, null, "https://acme.example/"),
                        Channel.DIRECT),
                new Case("blank values", new Touch(" ", "", null, null, null, "  ", null), Channel.DIRECT),
                new Case("null touch", null, Channel.DIRECT));
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            ChannelDecision d = rules.classify(c.touch());
            soft.assertThat(d.channel()).as("%s: %s", c.what(), d).isEqualTo(c.expected());
            soft.assertThat(d.ruleName()).as(c.what()).isNotBlank();
            soft.assertThat(d.reason()).as(c.what()).contains("→ " + c.expected().label())
                    .doesNotContain("null");
        }
        soft.assertAll();
    }

    @Test
    void decisionsSayWhy() {
        ChannelDecision paid = rules.classify(utm("google", "cpc"));
        assertThat(paid.ruleName()).startsWith("Paid search");
        assertThat(paid.reason())
                .isEqualTo("utm_medium 'cpc' is a paid medium and utm_source 'google' is a search engine → Paid search");

        ChannelDecision unlabelled = rules.preview(new RuleDraft("r", Channel.PARTNERS,
                List.of(Condition.inList(Field.UTM_SOURCE, List.of("capterra", "g2", "trustradius", "getapp", "x"))),
                true, null), List.of(utm("Capterra", null))).get(0).decision();
        assertThat(unlabelled.reason()).isEqualTo(
                "utm_source 'capterra' is in the list (capterra, g2, trustradius, getapp, … 1 more) → Partners");

        ChannelDecision self = rules.classify(new Touch(null, null, null, null, null, "https://www.acme.example/a",
                "https://acme.example/b"));
        assertThat(self.channel()).isEqualTo(Channel.DIRECT);
        assertThat(self.reason()).contains("'acme.example' is this site's own host");

        ChannelDecision referral = rules.classify(ref("https://news.ycombinator.com/"));
        assertThat(referral.reason()).isEqualTo("referrer_host 'news.ycombinator.com' is present → Referral");
    }

    @Test
    void defaultsAreStoredEditableRulesInPriorityOrder() {
        List<Rule> all = rules.list();
        assertThat(all).hasSizeGreaterThan(15);
        assertThat(all).extracting(Rule::position).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, all.size()).boxed().toList());
        assertThat(all).allMatch(Rule::builtin).allMatch(Rule::enabled);
        assertThat(all.get(all.size() - 1).channel()).isEqualTo(Channel.DIRECT);
        Set<Channel> covered = new HashSet<>();
        all.forEach(r -> covered.add(r.channel()));
        assertThat(covered).containsExactlyInAnyOrder(Channel.values());
        assertThat(rules.find(all.get(0).id())).contains(all.get(0));
    }

    @Test
    void editingARuleChangesClassification() {
        Touch hn = ref("https://news.ycombinator.com/item?id=42");
        assertThat(rules.classify(hn).channel()).isEqualTo(Channel.REFERRAL);

        Rule hnRule = rules.create(new RuleDraft("Hacker News", Channel.ORGANIC_SOCIAL,
                List.of(Condition.is(Field.REFERRER_HOST, Operator.EQUALS, "News.YCombinator.com")), true, 1));
        assertThat(hnRule.position()).isEqualTo(1);
        assertThat(hnRule.builtin()).isFalse();
        assertThat(rules.classify(hn)).extracting(ChannelDecision::channel, ChannelDecision::ruleName)
                .containsExactly(Channel.ORGANIC_SOCIAL, "Hacker News");

        rules.update(hnRule.id(), new RuleDraft("Hacker News", Channel.PARTNERS, hnRule.conditions(), true, null));
        assertThat(rules.classify(hn).channel()).isEqualTo(Channel.PARTNERS);
        assertThat(rules.find(hnRule.id()).orElseThrow().position()).isEqualTo(1);

        rules.update(hnRule.id(), new RuleDraft("Hacker News", Channel.PARTNERS, hnRule.conditions(), false, null));
        assertThat(rules.classify(hn).channel()).isEqualTo(Channel.REFERRAL);

        rules.delete(hnRule.id());
        assertThat(rules.find(hnRule.id())).isEmpty();
        assertThat(rules.classify(hn).channel()).isEqualTo(Channel.REFERRAL);

        // a built-in rule is editable too: LinkedIn is now a partner channel for us
        Rule social = byName("Organic social (referrer)");
        rules.update(social.id(), new RuleDraft(social.name(), Channel.PARTNERS, social.conditions(), true, null));
        assertThat(rules.classify(ref("https://www.linkedin.com/")).channel()).isEqualTo(Channel.PARTNERS);
        rules.resetToDefaults();
        assertThat(rules.classify(ref("https://www.linkedin.com/")).channel()).isEqualTo(Channel.ORGANIC_SOCIAL);
    }

    @Test
    void firstMatchingRuleInPriorityOrderWins() {
        Touch capterra = utm("capterra", "cpc");
        assertThat(rules.classify(capterra).channel()).isEqualTo(Channel.PAID_SEARCH);

        Rule partners = rules.create(new RuleDraft("Review sites are partners", Channel.PARTNERS,
                List.of(Condition.inList(Field.UTM_SOURCE, List.of("capterra", "g2"))), true, null));
        assertThat(partners.position()).isEqualTo(rules.list().size());
        assertThat(rules.classify(capterra).channel()).as("appended after the paid rules").isEqualTo(Channel.PAID_SEARCH);

        Rule display = rules.create(new RuleDraft("Capterra display", Channel.DISPLAY,
                List.of(Condition.is(Field.UTM_SOURCE, Operator.STARTS_WITH, "capt")), true, 2));
        assertThat(display.position()).isEqualTo(2);
        assertThat(rules.classify(capterra).channel()).isEqualTo(Channel.DISPLAY);

        List<Long> order = new ArrayList<>(rules.list().stream().map(Rule::id).toList());
        order.remove(partners.id());
        order.add(0, partners.id());
        List<Rule> reordered = rules.reorder(order);
        assertThat(reordered.get(0).id()).isEqualTo(partners.id());
        assertThat(reordered.get(2).id()).isEqualTo(display.id());
        assertThat(rules.classify(capterra)).extracting(ChannelDecision::channel, ChannelDecision::ruleName)
                .containsExactly(Channel.PARTNERS, "Review sites are partners");

        rules.update(display.id(), new RuleDraft("Capterra display", Channel.DISPLAY, display.conditions(), true, 1));
        assertThat(rules.classify(capterra).channel()).isEqualTo(Channel.DISPLAY);

        List<Long> missingOne = rules.list().stream().map(Rule::id).skip(1).toList();
        assertThatThrownBy(() -> rules.reorder(missingOne)).isInstanceOf(InvalidRuleException.class)
                .extracting(e -> ((InvalidRuleException) e).field()).isEqualTo("ids");
    }

    @Test
    void previewShowsWhatARuleWouldDecideWithoutSavingIt() {
        int before = rules.list().size();
        RuleDraft draft = new RuleDraft("Review sites", Channel.PARTNERS,
                List.of(Condition.is(Field.UTM_SOURCE, Operator.REGEX, "^(capterra|g2|trustradius)$")), true, 1);
        List<PreviewRow> rows = rules.preview(draft, List.of(utm("capterra", "cpc"), utm("google", "cpc"),
                utm("G2", null)));
        assertThat(rows).extracting(PreviewRow::matches).containsExactly(true, false, true);
        assertThat(rows.get(0).decision().channel()).isEqualTo(Channel.PARTNERS);
        assertThat(rows.get(0).decision().reason()).contains("utm_source 'capterra' matches");
        assertThat(rows.get(0).current().channel()).isEqualTo(Channel.PAID_SEARCH);
        assertThat(rows.get(1).decision()).isNull();
        assertThat(rows.get(1).current().channel()).isEqualTo(Channel.PAID_SEARCH);
        assertThat(rows.get(2).current()).extracting(ChannelDecision::channel, ChannelDecision::ruleName)
                .containsExactly(Channel.DIRECT, "fallback");
        assertThat(rules.list()).hasSize(before);
        assertThat(rules.classify(utm("capterra", "cpc")).channel()).isEqualTo(Channel.PAID_SEARCH);
    }

    @Test
    void badRulesAreRejectedNamingTheField() {
        assertInvalid(new RuleDraft("x", Channel.EMAIL,
                List.of(Condition.is(Field.UTM_SOURCE, Operator.REGEX, "([a-z")), true, null), "conditions[0].value");
        assertInvalid(new RuleDraft("x", Channel.EMAIL, List.of(Condition.empty(Field.UTM_MEDIUM),
                Condition.is(Field.UTM_SOURCE, Operator.REGEX, "^(a+)+$")), true, null), "conditions[1].value");
        assertInvalid(new RuleDraft("x", Channel.EMAIL,
                List.of(Condition.is(Field.UTM_SOURCE, Operator.REGEX, "a".repeat(201))), true, null),
                "conditions[0].value");
        assertInvalid(new RuleDraft(" ", Channel.EMAIL, List.of(Condition.empty(Field.UTM_MEDIUM)), true, null), "name");
        assertInvalid(new RuleDraft("x", null, List.of(Condition.empty(Field.UTM_MEDIUM)), true, null), "channel");
        assertInvalid(new RuleDraft("x", Channel.EMAIL, List.of(), true, null), "conditions");
        assertInvalid(new RuleDraft("x", Channel.EMAIL,
                List.of(new Condition(null, Operator.EQUALS, "a", null, false)), true, null), "conditions[0].field");
        assertInvalid(new RuleDraft("x", Channel.EMAIL,
                List.of(new Condition(Field.UTM_SOURCE, null, "a", null, false)), true, null), "conditions[0].operator");
        assertInvalid(new RuleDraft("x", Channel.EMAIL,
                List.of(Condition.is(Field.UTM_SOURCE, Operator.EQUALS, " ")), true, null), "conditions[0].value");
        assertInvalid(new RuleDraft("x", Channel.EMAIL,
                List.of(Condition.inList(Field.UTM_SOURCE, List.of())), true, null), "conditions[0].values");
        assertInvalid(new RuleDraft("x", Channel.EMAIL, List.of(Condition.empty(Field.UTM_MEDIUM)), true, 0),
                "position");
        assertThat(rules.list()).allMatch(Rule::builtin);
    }

    private void assertInvalid(RuleDraft draft, String field) {
        assertThatThrownBy(() -> rules.create(draft)).isInstanceOf(InvalidRuleException.class)
                .extracting(e -> ((InvalidRuleException) e).field()).isEqualTo(field);
        assertThatThrownBy(() -> rules.preview(draft, List.of())).isInstanceOf(InvalidRuleException.class);
    }

    @Test
    void hostsAreNormalisedBeforeRulesSeeThem() {
        RuleDraft exampleOrg = new RuleDraft("example.org", Channel.PARTNERS,
                List.of(Condition.is(Field.REFERRER_HOST, Operator.EQUALS, "example.org")), true, null);
        List<Touch> samples = List.of(
                Touch.referred("https://user:secret@WWW.Example.ORG:8443/path?q=1#top", null),
                Touch.referred("example.org/no-scheme", null),
                Touch.referred("//example.org", null),
                Touch.referred("https://example.org./trailing-dot", "https://acme.example/"),
                Touch.referred("https://sub.example.org/", null),
                Touch.referred("https://example.org/", "https://shop.example.org/cart"));
        assertThat(rules.preview(exampleOrg, samples)).extracting(PreviewRow::matches)
                .containsExactly(true, true, true, true, false, false);
        RuleDraft pageHost = new RuleDraft("pages", Channel.PARTNERS, List.of(
                Condition.is(Field.PAGE_HOST, Operator.EQUALS, "acme.example"),
                Condition.is(Field.PAGE_QUERY, Operator.CONTAINS, "ref=partner")), true, null);
        assertThat(rules.preview(pageHost, List.of(
                Touch.referred(null, "HTTPS://www.Acme.Example/landing?utm_source=x&REF=Partner#form"),
                Touch.referred(null, "https://acme.example/landing#ref=partner"))))
                .extracting(PreviewRow::matches).containsExactly(true, false);
    }

    @Test
    void aHandEditedInvalidRowIsSkippedNotFatal() throws InterruptedException {
        Rule paid = byName("Paid search (paid medium, search-engine source)");
        jdbc.sql("UPDATE channel_rule SET channel = ? WHERE id = ?").params("carrier_pigeon", paid.id()).update();
        jdbc.sql("UPDATE channel_rule_state SET rule_version = rule_version + 1 WHERE id = 1").update();
        ChannelDecision d = rules.classify(utm("google", "cpc"));
        for (int i = 0; i < 100 && !d.ruleName().equals("Paid search (other paid medium)"); i++) {
            Thread.sleep(100);
            d = rules.classify(utm("google", "cpc"));
        }
        assertThat(d.ruleName()).isEqualTo("Paid search (other paid medium)");
        assertThat(d.channel()).isEqualTo(Channel.PAID_SEARCH);
    }

    @Test
    void aBacktrackingRegexCannotStallClassification() {
        // Passes the shape check but backtracks exponentially on a long run of a's without a b.
        rules.create(new RuleDraft("Greedy", Channel.PARTNERS,
                List.of(Condition.is(Field.UTM_CAMPAIGN, Operator.REGEX, "^(a|a)*b$")), true, 1));
        ChannelDecision d = rules.classify(Touch.utm("google", "cpc", "a".repeat(60)));
        assertThat(d.channel()).isEqualTo(Channel.PAID_SEARCH);
        assertThat(rules.classify(Touch.utm("google", "cpc", "aaab")).channel()).isEqualTo(Channel.PARTNERS);
    }

    @Test
    void negatedConditionsAndAllOperators() {
        rules.create(new RuleDraft("Spring promo, not from google", Channel.DISPLAY, List.of(
                Condition.is(Field.UTM_CAMPAIGN, Operator.CONTAINS, "spring"),
                new Condition(Field.UTM_SOURCE, Operator.IN_LIST, null, List.of("google"), true),
                Condition.is(Field.PAGE_HOST, Operator.EQUALS, "acme.example"),
                Condition.is(Field.PAGE_URL, Operator.STARTS_WITH, "https://WWW.acme.example/promo")), true, 1));
        Touch promo = new Touch("bing", "cpc", "2026-Spring-Sale", null, null, null,
                "https://www.acme.example/promo/a");
        assertThat(rules.classify(promo).channel()).isEqualTo(Channel.DISPLAY);
        assertThat(rules.classify(promo).reason()).contains("is not in the list (google)");
        assertThat(rules.classify(new Touch("google", "cpc", "2026-Spring-Sale", null, null, null,
                "https://www.acme.example/promo/a")).channel()).isEqualTo(Channel.PAID_SEARCH);
    }

    @Test
    void rulesDeletedByHandStayDeletedUntilReset() {
        for (Rule r : rules.list()) {
            rules.delete(r.id());
        }
        assertThat(rules.list()).isEmpty();
        ChannelDecision d = rules.classify(utm("google", "cpc"));
        assertThat(d.ruleName()).isEqualTo("fallback");
        assertThat(d.channel()).isEqualTo(Channel.DIRECT);
        assertThat(rules.classify(ref("https://www.google.com/")).channel()).isEqualTo(Channel.REFERRAL);
        assertThat(rules.resetToDefaults()).hasSizeGreaterThan(15);
        assertThat(rules.classify(utm("google", "cpc")).channel()).isEqualTo(Channel.PAID_SEARCH);
    }

    @Test
    void aChangeMadeByAnotherNodeIsPickedUp() throws InterruptedException {
        Touch hn = ref("https://news.ycombinator.com/");
        assertThat(rules.classify(hn).channel()).isEqualTo(Channel.REFERRAL);
        // Another node edits the table and bumps the version; this node has no local hint of it.
        Rule referral = byName("Referral (external referrer)");
        jdbc.sql("UPDATE channel_rule SET channel = ? WHERE id = ?").params("partners", referral.id()).update();
        jdbc.sql("UPDATE channel_rule_state SET rule_version = rule_version + 1 WHERE id = 1").update();
        Channel seen = rules.classify(hn).channel();
        for (int i = 0; i < 100 && seen != Channel.PARTNERS; i++) {
            Thread.sleep(100);
            seen = rules.classify(hn).channel();
        }
        assertThat(seen).isEqualTo(Channel.PARTNERS);
    }

    private Rule byName(String name) {
        return rules.list().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    // ---- campaigns from utm_campaign

    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewUtmCampaignCreatesOneCampaignThatLaterTouchesReuse() {
        String value = unique("Spring_Sale");
        Optional<Long> id = matcher.campaignFor(Touch.utm("google", "cpc", "  " + value + " "), Channel.PAID_SEARCH);
        assertThat(id).isPresent();
        Campaign c = campaigns.find(id.get()).orElseThrow();
        assertThat(c.name()).isEqualTo("utm: " + value.toLowerCase());
        assertThat(c.utmCampaign()).isEqualTo(value.toLowerCase());
        assertThat(c.type()).isEqualTo(CampaignType.PAID_ADS);
        assertThat(c.channel()).isEqualTo(Channel.PAID_SEARCH);
        assertThat(c.status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(c.currency()).isEqualTo("USD");

        assertThat(matcher.campaignFor(Touch.utm("bing", "cpc", value.toUpperCase()), Channel.PAID_SEARCH))
                .contains(id.get());
        assertThat(campaigns.findByUtmCampaign(value)).map(Campaign::id).contains(id.get());
    }

    @Test
    void anExistingCampaignIsMatchedByItsUtmCampaign() {
        String value = unique("q3-webinar");
        Campaign planned = campaigns.create(new CampaignDraft(unique("Q3 webinar"), CampaignType.WEBINAR,
                Channel.WEBINAR, CampaignStatus.PLANNED, null, null, null, 500_00L, "EUR", value));
        assertThat(matcher.campaignFor(Touch.utm("linkedin", "paid_social", value.toUpperCase() + " "),
                Channel.PAID_SOCIAL)).contains(planned.id());
        assertThat(campaigns.find(planned.id()).orElseThrow().status()).isEqualTo(CampaignStatus.PLANNED);
    }

    @Test
    void noUtmCampaignNoCampaign() {
        assertThat(matcher.campaignFor(Touch.utm("google", "cpc", null), Channel.PAID_SEARCH)).isEmpty();
        assertThat(matcher.campaignFor(Touch.utm("google", "cpc", "   "), Channel.PAID_SEARCH)).isEmpty();
        assertThat(matcher.campaignFor(null, Channel.PAID_SEARCH)).isEmpty();
    }

    @Test
    void theCampaignTypeFollowsTheChannel() {
        assertThat(typeOf(Channel.EMAIL)).isEqualTo(CampaignType.EMAIL);
        assertThat(typeOf(Channel.EVENTS)).isEqualTo(CampaignType.EVENT);
        assertThat(typeOf(Channel.DIRECT_MAIL)).isEqualTo(CampaignType.DIRECT_MAIL);
        assertThat(typeOf(Channel.WEBINAR)).isEqualTo(CampaignType.WEBINAR);
        assertThat(typeOf(Channel.PARTNERS)).isEqualTo(CampaignType.PARTNER);
        assertThat(typeOf(Channel.ORGANIC_SOCIAL)).isEqualTo(CampaignType.SOCIAL);
        assertThat(typeOf(Channel.DIRECT)).isEqualTo(CampaignType.PROGRAM);
    }

    private CampaignType typeOf(Channel channel) {
        long id = matcher.campaignFor(Touch.utm("x", "y", unique("type")), channel).orElseThrow();
        return campaigns.find(id).orElseThrow().type();
    }

    @Test
    void aTakenNameGetsANumberedName() {
        String value = unique("launch");
        campaigns.create(new CampaignDraft("utm: " + value, CampaignType.PROGRAM, Channel.DIRECT,
                CampaignStatus.ACTIVE, null, null, null, null, "USD", "something-else-" + value));
        long id = matcher.campaignFor(Touch.utm("x", "y", value), Channel.EMAIL).orElseThrow();
        Campaign c = campaigns.find(id).orElseThrow();
        assertThat(c.name()).isEqualTo("utm: " + value + " (2)");
        assertThat(c.utmCampaign()).isEqualTo(value);
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void aLostCreateInsideTheCallersTransactionLeavesItUsable() {
        String value = unique("inside_tx");
        campaigns.create(new CampaignDraft("utm: " + value, CampaignType.PROGRAM, Channel.DIRECT,
                CampaignStatus.ACTIVE, null, null, null, null, "USD", "other-" + value));
        long id = tx.execute(status -> {
            long matched = matcher.campaignFor(Touch.utm("x", "y", value), Channel.EMAIL).orElseThrow();
            // the caller's transaction still works after the first, conflicting insert
            assertThat(campaigns.find(matched)).isPresent();
            return matched;
        });
        assertThat(campaigns.find(id).orElseThrow().name()).isEqualTo("utm: " + value + " (2)");
    }

    @Test
    void concurrentTouchesForANewValueCreateOneCampaign() throws Exception {
        String value = unique("black_friday");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String variant = i % 2 == 0 ? value : " " + value.toUpperCase();
                Callable<Long> call = () -> {
                    start.await();
                    return matcher.campaignFor(Touch.utm("google", "cpc", variant), Channel.PAID_SEARCH).orElseThrow();
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            Set<Long> ids = Collections.synchronizedSet(new HashSet<>());
            for (Future<Long> f : futures) {
                ids.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        long rows = jdbc.sql("SELECT COUNT(*) FROM campaign WHERE utm_campaign = ?").param(value.toLowerCase())
                .query(Long.class).single();
        assertThat(rows).isEqualTo(1);
    }
}
