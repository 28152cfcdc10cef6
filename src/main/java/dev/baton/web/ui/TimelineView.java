package dev.baton.web.ui;

import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ActivityLog.SubjectKind;
import dev.baton.platform.ActivityLog.TimelineCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds timeline pages (contact and account) for the timeline fragment, with "load more" links. */
@Component
class TimelineView {

    static final int PAGE = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PROPS = 12;
    private static final int MAX_VALUE = 160;

    private final ActivityLog log;
    private final CampaignManagement campaigns;

    TimelineView(ActivityLog log, CampaignManagement campaigns) {
        this.log = log;
        this.campaigns = campaigns;
    }

    /**
     * Puts {@code timeline} (entries) and {@code timelineMore} (the URL of the next page, or null)
     * into the model.
     *
     * @param basePath e.g. /contacts/XYZ; the fragment URL is basePath/timeline, the no-JS URL basePath
     * @param before raw cursor from the request
     */
    void page(Model model, SubjectKind kind, long subjectId, String basePath, String before) {
        TimelineCursor cursor;
        try {
            cursor = TimelineCursor.parse(before);
        } catch (IllegalArgumentException e) {
            throw new BadCursorException();
        }
        List<Activity> rows = log.timeline(kind, subjectId, cursor, PAGE + 1);
        boolean more = rows.size() > PAGE;
        if (more) {
            rows = rows.subList(0, PAGE);
        }
        Map<Long, Optional<Campaign>> campaignCache = new HashMap<>();
        List<Entry> entries = new ArrayList<>(rows.size());
        ViewFormat fmt = model.getAttribute("fmt") instanceof ViewFormat f ? f : null;
        // a day heading wherever the (user's local) day changes, continuing from the previous page
        String previousDay = cursor == null || fmt == null ? null : fmt.dayHeading(cursor.occurredAt());
        for (Activity a : rows) {
            String campaignName = null;
            if (a.campaignId() != null) {
                campaignName = campaignCache.computeIfAbsent(a.campaignId(), campaigns::find).map(Campaign::name)
                        .orElse(null);
            }
            String day = fmt == null ? null : fmt.dayHeading(a.occurredAt());
            entries.add(entry(a, campaignName, day != null && !day.equals(previousDay) ? day : null));
            previousDay = day;
        }
        String next = null;
        String nextPage = null;
        if (more) {
            String c = new TimelineCursor(rows.get(rows.size() - 1).occurredAt(), rows.get(rows.size() - 1).id())
                    .format();
            next = basePath + "/timeline?before=" + c;
            nextPage = basePath + "?before=" + c + "#timeline";
        }
        model.addAttribute("timeline", entries);
        model.addAttribute("timelineMore", next);
        model.addAttribute("timelineMorePage", nextPage);
        model.addAttribute("timelineContinued", cursor != null);
    }

    static Entry entry(Activity a, String campaignName) {
        return entry(a, campaignName, null);
    }

    static Entry entry(Activity a, String campaignName, String dayHeading) {
        Kind kind = Kind.of(a.type());
        Map<String, String> utm = new LinkedHashMap<>();
        Activity.Utm u = a.utm() == null ? Activity.Utm.NONE : a.utm();
        put(utm, "source", u.source());
        put(utm, "medium", u.medium());
        put(utm, "campaign", u.campaign());
        put(utm, "term", u.term());
        put(utm, "content", u.content());
        return new Entry(a.id(), a.type(), Labels.humanize(a.type()), kind.icon, kind.tone, a.occurredAt(),
                a.channel(), a.campaignId(), campaignName, utm, props(a.props()), dayHeading);
    }

    /** Flattens the JSON properties to display pairs; anything unparseable is shown as raw text. */
    static Map<String, String> props(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    if (out.size() >= MAX_PROPS) {
                        break;
                    }
                    JsonNode v = e.getValue();
                    put(out, e.getKey(), v.isValueNode() ? v.asString() : v.toString());
                }
                return out;
            }
        } catch (RuntimeException e) {
            // fall through: show it as it is
        }
        put(out, "properties", json);
        return out;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value);
        }
    }

    /** One rendered timeline entry. */
    public record Entry(long id, String type, String label, String icon, String tone, java.time.Instant occurredAt,
            String channel, Long campaignId, String campaignName, Map<String, String> utm,
            Map<String, String> props, String dayHeading) {
    }

    /** Icon and colour by what kind of thing happened, recognised from the activity type's words. */
    enum Kind {
        EMAIL_BOUNCE("envelope-x", "red", "bounce"),
        UNSUBSCRIBE("envelope-x", "red", "unsubscrib"),
        EMAIL("envelope", "blue", "email"),
        SMS("chat", "teal", "sms"),
        FORM("clipboard", "violet", "form"),
        WEBINAR("video", "indigo", "webinar"),
        EVENT("calendar", "amber", "event", "trade_show", "booth"),
        PAGE("globe", "grey", "page", "visit", "view"),
        AD("cursor", "amber", "ad_click", "ad.click", "ad_impression", "click"),
        DOWNLOAD("download", "teal", "download", "content"),
        MAIL("mailbox", "grey", "direct_mail", "mail"),
        QR("qr", "grey", "qr"),
        STAGE("flag", "green", "stage", "lifecycle"),
        SCORE("star", "amber", "score"),
        OWNER("person", "blue", "owner", "assign"),
        CONSENT("shield", "violet", "consent", "opt"),
        DEAL("briefcase", "green", "opportunit", "deal"),
        IMPORT("upload", "grey", "import", "identify"),
        OTHER("dot", "grey");

        final String icon;
        final String tone;
        final String[] words;

        Kind(String icon, String tone, String... words) {
            this.icon = icon;
            this.tone = tone;
            this.words = words;
        }

        static Kind of(String type) {
            String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                for (String w : k.words) {
                    if (t.contains(w)) {
                        return k;
                    }
                }
            }
            return OTHER;
        }
    }

    /** A malformed timeline cursor: 400, shown as the generic error page. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    static class BadCursorException extends RuntimeException {
        BadCursorException() {
            super("the timeline cursor is malformed");
        }
    }
}
