package dev.baton.capture.internal.channels;

import static dev.baton.capture.ChannelRules.Condition.empty;
import static dev.baton.capture.ChannelRules.Condition.inList;
import static dev.baton.capture.ChannelRules.Condition.is;
import static dev.baton.capture.ChannelRules.Condition.notEmpty;

import dev.baton.capture.ChannelRules.Condition;
import dev.baton.capture.ChannelRules.Field;
import dev.baton.capture.ChannelRules.Operator;
import dev.baton.capture.ChannelRules.RuleDraft;
import dev.baton.platform.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in channel grouping, modelled on the common default channel groupings of web analytics:
 * explicit UTM mediums first (they are what a marketer chose), then paid/organic by source lists,
 * then what the referrer says, and finally direct. Seeded into the database on first start.
 */
final class DefaultChannelRules {

    static final List<String> SEARCH_ENGINES = List.of("google", "bing", "yahoo", "duckduckgo", "baidu", "yandex",
            "ecosia", "ask", "aol", "naver", "seznam", "qwant", "startpage", "search.brave.com", "sogou", "daum",
            "msn", "so.com", "360.cn", "yahoo.co.jp", "search.aol.com", "perplexity.ai", "kagi.com");

    static final List<String> SOCIAL_NETWORKS = List.of("facebook", "fb", "fb.com", "fb.me", "instagram", "ig",
            "linkedin", "lnkd.in", "t.co", "twitter", "x.com", "youtube", "youtu.be", "reddit", "pinterest",
            "tiktok", "snapchat", "quora", "tumblr", "vk.com", "whatsapp", "wa.me", "threads.net", "bsky.app",
            "mastodon.social", "medium.com", "xing", "discord", "t.me", "telegram", "weibo", "line.me",
            "messenger.com");

    /** Webmail and mail apps: a click from a mail client is email, although mail.google.com says "google". */
    static final List<String> MAIL_CLIENTS = List.of("mail.google.com", "com.google.android.gm", "mail.yahoo.com",
            "outlook.live.com", "outlook.office.com", "outlook.office365.com", "mail.aol.com", "mail.proton.me",
            "mail.zoho.com", "webmail", "mail.yandex.ru", "mail.yandex.com", "com.microsoft.office.outlook");

    static final List<String> PAID_MEDIUMS = List.of("cpc", "ppc", "paid", "paidsearch", "paid_search",
            "paid-search", "sem", "cpa", "cpv", "retargeting");
    static final List<String> PAID_SOCIAL_MEDIUMS = List.of("paid_social", "paidsocial", "paid-social",
            "paid social", "social_paid", "social-paid", "socialpaid", "sponsored_social");
    static final List<String> DISPLAY_MEDIUMS = List.of("display", "banner", "cpm", "expandable", "interstitial",
            "programmatic", "native");
    static final List<String> EMAIL_MEDIUMS = List.of("email", "e-mail", "e_mail", "e mail", "newsletter");
    static final List<String> EMAIL_SOURCES = List.of("email", "e-mail", "e_mail", "newsletter");
    static final List<String> PARTNER_MEDIUMS = List.of("affiliate", "affiliates", "partner", "partners",
            "referral_partner", "reseller", "co-marketing", "comarketing");
    static final List<String> EVENT_MEDIUMS = List.of("event", "events", "tradeshow", "trade_show", "trade-show",
            "trade show", "conference", "booth", "field_event", "field-event", "meetup", "roadshow");
    static final List<String> WEBINAR_MEDIUMS = List.of("webinar", "webinars", "webcast", "virtual_event");
    static final List<String> DIRECT_MAIL_MEDIUMS = List.of("direct_mail", "directmail", "direct-mail",
            "direct mail", "print", "postcard", "qr", "qr_code", "qrcode", "mailer");
    static final List<String> DIRECT_MAIL_SOURCES = List.of("qr", "qr_code", "qrcode", "postcard", "direct_mail",
            "print");
    static final List<String> SOCIAL_MEDIUMS = List.of("social", "social-network", "social_network",
            "social network", "social-media", "social_media", "social media", "sm", "organic_social");
    static final List<String> ORGANIC_MEDIUMS = List.of("organic", "seo", "organic_search");
    static final List<String> REFERRAL_MEDIUMS = List.of("referral", "link", "app");
    /** Ad click ids that search engines append to landing pages (Google, Microsoft). */
    static final String SEARCH_CLICK_ID = "(^|&)(gclid|gbraid|wbraid|msclkid)=";

    private DefaultChannelRules() {
    }

    static List<RuleDraft> all() {
        List<RuleDraft> r = new ArrayList<>();
        r.add(rule("Direct mail (medium)", Channel.DIRECT_MAIL, inList(Field.UTM_MEDIUM, DIRECT_MAIL_MEDIUMS).labelled("a direct-mail medium")));
        r.add(rule("Direct mail (source)", Channel.DIRECT_MAIL, inList(Field.UTM_SOURCE, DIRECT_MAIL_SOURCES).labelled("a direct-mail source")));
        r.add(rule("Events", Channel.EVENTS, inList(Field.UTM_MEDIUM, EVENT_MEDIUMS).labelled("an event medium")));
        r.add(rule("Webinar", Channel.WEBINAR, inList(Field.UTM_MEDIUM, WEBINAR_MEDIUMS).labelled("a webinar medium")));
        r.add(rule("Partners", Channel.PARTNERS, inList(Field.UTM_MEDIUM, PARTNER_MEDIUMS).labelled("a partner medium")));
        r.add(rule("Email (medium)", Channel.EMAIL, inList(Field.UTM_MEDIUM, EMAIL_MEDIUMS).labelled("an email medium")));
        r.add(rule("Email (source)", Channel.EMAIL, inList(Field.UTM_SOURCE, EMAIL_SOURCES).labelled("an email source")));
        r.add(rule("Display", Channel.DISPLAY, inList(Field.UTM_MEDIUM, DISPLAY_MEDIUMS).labelled("a display medium")));
        r.add(rule("Paid social (medium)", Channel.PAID_SOCIAL, inList(Field.UTM_MEDIUM, PAID_SOCIAL_MEDIUMS).labelled("a paid-social medium")));
        r.add(rule("Paid social (paid medium, social source)", Channel.PAID_SOCIAL,
                inList(Field.UTM_MEDIUM, PAID_MEDIUMS).labelled("a paid medium"), inList(Field.UTM_SOURCE, SOCIAL_NETWORKS).labelled("a social network")));
        r.add(rule("Paid search (paid medium, search-engine source)", Channel.PAID_SEARCH,
                inList(Field.UTM_MEDIUM, PAID_MEDIUMS).labelled("a paid medium"), inList(Field.UTM_SOURCE, SEARCH_ENGINES).labelled("a search engine")));
        r.add(rule("Paid search (ad click id)", Channel.PAID_SEARCH,
                is(Field.PAGE_QUERY, Operator.REGEX, SEARCH_CLICK_ID).labelled("a search-ad click id")));
        r.add(rule("Paid search (other paid medium)", Channel.PAID_SEARCH, inList(Field.UTM_MEDIUM, PAID_MEDIUMS).labelled("a paid medium")));
        r.add(rule("Email (mail client referrer)", Channel.EMAIL, inList(Field.REFERRER_HOST, MAIL_CLIENTS).labelled("a mail client")));
        r.add(rule("Organic social (medium)", Channel.ORGANIC_SOCIAL, inList(Field.UTM_MEDIUM, SOCIAL_MEDIUMS).labelled("a social medium")));
        r.add(rule("Organic social (source)", Channel.ORGANIC_SOCIAL, inList(Field.UTM_SOURCE, SOCIAL_NETWORKS).labelled("a social network")));
        r.add(rule("Organic social (referrer)", Channel.ORGANIC_SOCIAL,
                inList(Field.REFERRER_HOST, SOCIAL_NETWORKS).labelled("a social network")));
        r.add(rule("Organic search (medium)", Channel.ORGANIC_SEARCH, inList(Field.UTM_MEDIUM, ORGANIC_MEDIUMS).labelled("an organic-search medium")));
        r.add(rule("Organic search (source)", Channel.ORGANIC_SEARCH, inList(Field.UTM_SOURCE, SEARCH_ENGINES).labelled("a search engine")));
        r.add(rule("Organic search (referrer)", Channel.ORGANIC_SEARCH,
                inList(Field.REFERRER_HOST, SEARCH_ENGINES).labelled("a search engine")));
        r.add(rule("Referral (medium)", Channel.REFERRAL, inList(Field.UTM_MEDIUM, REFERRAL_MEDIUMS).labelled("a referral medium")));
        r.add(rule("Referral (external referrer)", Channel.REFERRAL, notEmpty(Field.REFERRER_HOST)));
        r.add(rule("Direct", Channel.DIRECT, empty(Field.UTM_SOURCE), empty(Field.UTM_MEDIUM),
                empty(Field.REFERRER_HOST)));
        return List.copyOf(r);
    }

    private static RuleDraft rule(String name, Channel channel, Condition... conditions) {
        return new RuleDraft(name, channel, List.of(conditions), true, null);
    }
}
