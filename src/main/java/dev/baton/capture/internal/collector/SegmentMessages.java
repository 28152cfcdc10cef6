package dev.baton.capture.internal.collector;

import dev.baton.capture.CampaignMatcher;
import dev.baton.capture.ChannelDecision;
import dev.baton.capture.ChannelRules;
import dev.baton.capture.IdentityResolver;
import dev.baton.capture.Touch;
import dev.baton.people.ContactDraft;
import dev.baton.platform.Activity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Segment Tracking API payloads into {@link SegmentMessage}s, checking them as Segment does: a known
 * type, userId or anonymousId (alias: previousId and userId; track: event; group: groupId), ISO-8601 times.
 * A bad message rejects the whole call with a {@link BadMessage} naming it.
 */
final class SegmentMessages {

    static final String TYPE_PATTERN = "^[a-z][a-z0-9_.]{0,63}$";
    private static final int MAX_ID_CHARS = 255;
    private static final int MAX_UTM_CHARS = 200;

    private final ObjectMapper json;
    private final ChannelRules channelRules;
    private final CampaignMatcher campaigns;

    SegmentMessages(ObjectMapper json, ChannelRules channelRules, CampaignMatcher campaigns) {
        this.json = json;
        this.channelRules = channelRules;
        this.campaigns = campaigns;
    }

    /** A payload the collector refuses; the message is shown to the caller. */
    static final class BadMessage extends RuntimeException {
        BadMessage(String message) {
            super(message, null, false, false);
        }
    }

    /** One accepted message, not yet attributed to a channel and campaign. */
    record Parsed(String segmentType, String activityType, IdentityResolver.Claim claim, Instant occurredAt,
            Activity.Utm utm, Touch touch, ObjectNode props, String messageId, Group group) {
    }

    /** A group call's account: the groupId (the account's external id) and the traits to write. */
    record Group(String groupId, dev.baton.people.AccountDraft traits) {
    }

    /** One accepted, attributed message, ready for identity resolution and the log. */
    record SegmentMessage(String segmentType, String activityType, IdentityResolver.Claim claim, Instant occurredAt,
            Activity.Utm utm, String channel, Long campaignId, String props, String messageId, Group group) {
    }

    /**
     * Channel and campaign by the editable channel rules and utm_campaign matching. Visits (page, screen,
     * track) always get a channel; identify, group and alias only when they carry UTM or page facts.
     * Called only once every message of a call is valid, so a refused call creates no campaign.
     */
    SegmentMessage attribute(Parsed p) {
        Touch t = p.touch();
        boolean hasFacts = t.utmSource() != null || t.utmMedium() != null || t.utmCampaign() != null
                || t.referrer() != null || t.pageUrl() != null;
        String channel = null;
        Long campaignId = null;
        if (hasFacts || p.segmentType().equals("page") || p.segmentType().equals("screen")
                || p.segmentType().equals("track")) {
            ChannelDecision decision = channelRules.classify(t);
            if (decision != null && decision.channel() != null) {
                channel = decision.channel().code();
                p.props().put("channelRule", decision.ruleName());
                campaignId = campaigns.campaignFor(t, decision.channel()).orElse(null);
            }
        }
        return new SegmentMessage(p.segmentType(), p.activityType(), p.claim(), p.occurredAt(), p.utm(), channel,
                campaignId, json.writeValueAsString(p.props()), p.messageId(), p.group());
    }

    /**
     * @param type       the endpoint's type ("track", ...), or null for a batch element (type from the body)
     * @param batchSentAt a batch's sentAt, or null
     * @param batchContext a batch's context (merged under each message's), or null
     */
    Parsed parse(JsonNode message, String type, String where, Instant receivedAt, Instant batchSentAt,
            JsonNode batchContext) {
        if (message == null || !message.isObject()) {
            throw new BadMessage(where + "must be a JSON object");
        }
        String t = type;
        if (t == null) {
            t = text(message, "type", where);
            if (t == null) {
                throw new BadMessage(where + "type is required");
            }
            t = t.toLowerCase(Locale.ROOT);
        }
        String userId = id(message, "userId", where);
        String anonymousId = id(message, "anonymousId", where);
        String previousId = null;
        String event = null;
        String groupId = null;
        switch (t) {
            case "identify", "page", "screen", "track", "group", "alias" -> {
            }
            default -> throw new BadMessage(where + "type '" + t + "' is not one of identify, track, page, screen, "
                    + "group, alias");
        }
        if (t.equals("alias")) {
            previousId = id(message, "previousId", where);
            if (previousId == null) {
                throw new BadMessage(where + "previousId is required for alias");
            }
            if (userId == null && anonymousId == null) {
                throw new BadMessage(where + "userId or anonymousId is required");
            }
        } else if (userId == null && anonymousId == null) {
            throw new BadMessage(where + "userId or anonymousId is required");
        }
        if (t.equals("track")) {
            event = text(message, "event", where);
            if (event == null || event.isBlank()) {
                throw new BadMessage(where + "event is required for track");
            }
        }
        if (t.equals("group")) {
            groupId = id(message, "groupId", where);
            if (groupId == null) {
                throw new BadMessage(where + "groupId is required for group");
            }
        }
        JsonNode context = context(message.get("context"), batchContext, where);
        JsonNode traits = object(message, "traits", where);
        JsonNode properties = object(message, "properties", where);
        Instant occurredAt = occurredAt(message, where, receivedAt, batchSentAt);

        ObjectNode props = json.createObjectNode();
        putText(props, "messageId", message.get("messageId"));
        props.put("segmentType", t);
        if (event != null) {
            props.put("event", event);
        }
        putText(props, "name", message.get("name"));
        putText(props, "category", message.get("category"));
        if (userId != null) {
            props.put("userId", userId);
        }
        if (anonymousId != null) {
            props.put("anonymousId", anonymousId);
        }
        if (previousId != null) {
            props.put("previousId", previousId);
        }
        if (groupId != null) {
            props.put("groupId", groupId);
        }
        JsonNode page = context == null ? null : context.get("page");
        if (page != null && page.isObject()) {
            putText(props, "url", page.get("url"));
            putText(props, "referrer", page.get("referrer"));
            putText(props, "path", page.get("path"));
            putText(props, "title", page.get("title"));
        }
        if (properties != null) {
            props.set("properties", properties);
            if (!props.has("url")) {
                putText(props, "url", properties.get("url"));
            }
            if (!props.has("referrer")) {
                putText(props, "referrer", properties.get("referrer"));
            }
        }
        if (traits != null) {
            props.set("traits", traits);
        }
        if (context != null) {
            props.set("context", context);
        }
        Activity.Utm utm = utm(context);

        ContactDraft contactTraits = null;
        String email = null;
        String phone = null;
        if (t.equals("identify") && traits != null) {
            contactTraits = traits(traits);
            email = string(traits.get("email"));
            phone = string(traits.get("phone"));
        }
        String activityType = switch (t) {
            case "identify" -> "identified";
            case "page" -> "page_view";
            case "screen" -> "screen_view";
            case "track" -> activityType(event);
            default -> t;
        };
        IdentityResolver.Claim claim = new IdentityResolver.Claim(userId, anonymousId, previousId, email, phone,
                contactTraits, occurredAt, "segment:" + t);
        Touch touch = new Touch(utm.source(), utm.medium(), utm.campaign(), utm.term(), utm.content(),
                props.has("referrer") ? props.get("referrer").stringValue() : null,
                props.has("url") ? props.get("url").stringValue() : null);
        String messageId = string(message.get("messageId"));
        if (messageId != null && messageId.length() > MAX_ID_CHARS) {
            messageId = null; // kept in props, but too long to be a dedupe key
        }
        Group group = groupId == null ? null : new Group(groupId, traits == null ? null : account(traits));
        return new Parsed(t, activityType, claim, occurredAt, utm, touch, props, messageId, group);
    }

    /** Event names seen recently and their activity types: SDKs send the same few names over and over. */
    private static final Map<String, String> ACTIVITY_TYPES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED_TYPES = 4_096;

    /** An event name as an activity type: lower case, runs of other characters as '_', starting with a letter. */
    static String activityType(String event) {
        String known = ACTIVITY_TYPES.get(event);
        if (known != null) {
            return known;
        }
        String type = toActivityType(event);
        if (event.length() <= 256) {
            if (ACTIVITY_TYPES.size() >= MAX_REMEMBERED_TYPES) {
                ACTIVITY_TYPES.clear();
            }
            ACTIVITY_TYPES.put(event, type);
        }
        return type;
    }

    private static String toActivityType(String event) {
        String s = event.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "_");
        s = s.replaceAll("^[^a-z]+", "");
        if (s.isEmpty()) {
            s = "event_" + event.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "_");
            s = s.replaceAll("_+$", "");
            if (s.equals("event")) {
                return "event";
            }
        }
        if (s.length() > 64) {
            s = s.substring(0, 64);
        }
        s = s.replaceAll("_+$", "");
        return s.isEmpty() ? "event" : s;
    }

    private static ContactDraft traits(JsonNode t) {
        String first = string(t.get("firstName"), t.get("first_name"));
        String last = string(t.get("lastName"), t.get("last_name"));
        String name = string(t.get("name"));
        if (first == null && last == null && name != null) {
            int space = name.trim().lastIndexOf(' ');
            if (space > 0) {
                first = name.trim().substring(0, space).trim();
                last = name.trim().substring(space + 1);
            } else {
                first = name.trim();
            }
        }
        JsonNode companyNode = t.get("company");
        String company = companyNode != null && companyNode.isObject() ? string(companyNode.get("name"))
                : string(companyNode);
        JsonNode address = t.get("address");
        String country = string(t.get("country"));
        String city = string(t.get("city"));
        if (address != null && address.isObject()) {
            country = country != null ? country : string(address.get("country"));
            city = city != null ? city : string(address.get("city"));
        }
        return new ContactDraft(null, first, last, string(t.get("title")), null, company, country, city, null,
                null, null, null, string(t.get("timezone"), t.get("timeZone")));
    }

    /**
     * Segment's group traits as account fields: name, industry, employees, domain (or the host of website),
     * country (also inside address). Missing traits stay null and leave the account's value alone.
     */
    static dev.baton.people.AccountDraft account(JsonNode t) {
        String domain = string(t.get("domain"));
        if (domain == null) {
            domain = host(string(t.get("website")));
        }
        if (domain != null) {
            domain = domain.toLowerCase(Locale.ROOT);
            if (domain.startsWith("www.")) {
                domain = domain.substring(4);
            }
        }
        Integer employees = null;
        JsonNode e = t.get("employees");
        if (e != null && e.isNumber()) {
            employees = e.asLong() >= 0 && e.asLong() <= Integer.MAX_VALUE ? (int) e.asLong() : null;
        } else {
            String text = string(e);
            if (text != null && text.matches("\\d{1,9}")) {
                employees = Integer.valueOf(text);
            }
        }
        String country = string(t.get("country"));
        JsonNode address = t.get("address");
        if (country == null && address != null && address.isObject()) {
            country = string(address.get("country"));
        }
        return new dev.baton.people.AccountDraft(cap(string(t.get("name"))), cap(domain), cap(string(t.get("industry"))),
                employees, null, null, cap(country), null);
    }

    private static String cap(String s) {
        return s == null || s.length() <= MAX_ID_CHARS ? s : s.substring(0, MAX_ID_CHARS);
    }

    /** The host of a website trait ("https://www.acme.com/about" or "acme.com"), or null. */
    static String host(String website) {
        if (website == null) {
            return null;
        }
        String w = website.trim();
        int scheme = w.indexOf("://");
        if (scheme >= 0) {
            w = w.substring(scheme + 3);
        }
        int end = w.length();
        for (char c : new char[] {'/', '?', '#', ':'}) {
            int i = w.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        w = w.substring(0, end);
        int at = w.lastIndexOf('@');
        if (at >= 0) {
            w = w.substring(at + 1);
        }
        return w.isEmpty() ? null : w;
    }

    private static Activity.Utm utm(JsonNode context) {
        JsonNode c = context == null ? null : context.get("campaign");
        if (c == null || !c.isObject()) {
            return Activity.Utm.NONE;
        }
        return new Activity.Utm(utmField(c.get("source")), utmField(c.get("medium")), utmField(c.get("name")),
                utmField(c.get("term")), utmField(c.get("content")));
    }

    private static String utmField(JsonNode n) {
        String s = string(n);
        return s == null ? null : s.length() > MAX_UTM_CHARS ? s.substring(0, MAX_UTM_CHARS) : s;
    }

    private JsonNode context(JsonNode own, JsonNode batch, String where) {
        if (own != null && !own.isNull() && !own.isObject()) {
            throw new BadMessage(where + "context must be an object");
        }
        if (batch == null || !batch.isObject() || batch.isEmpty()) {
            return own == null || own.isNull() ? null : own;
        }
        ObjectNode merged = json.createObjectNode();
        for (Map.Entry<String, JsonNode> e : batch.properties()) {
            merged.set(e.getKey(), e.getValue());
        }
        if (own != null && own.isObject()) {
            for (Map.Entry<String, JsonNode> e : own.properties()) {
                merged.set(e.getKey(), e.getValue());
            }
        }
        return merged;
    }

    /**
     * Segment's rule: an explicit timestamp wins; else originalTimestamp corrected for the client's clock skew
     * (receivedAt - (sentAt - originalTimestamp)); else the time Baton received the call.
     */
    static Instant occurredAt(JsonNode message, String where, Instant receivedAt, Instant batchSentAt) {
        Instant timestamp = time(message, "timestamp", where);
        if (timestamp != null) {
            return timestamp;
        }
        Instant original = time(message, "originalTimestamp", where);
        Instant sentAt = time(message, "sentAt", where);
        if (sentAt == null) {
            sentAt = batchSentAt;
        }
        if (original != null) {
            return sentAt == null ? original : receivedAt.minusMillis(sentAt.toEpochMilli() - original.toEpochMilli());
        }
        return receivedAt;
    }

    static Instant time(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new BadMessage(where + field + " must be an ISO-8601 date-time string");
        }
        Instant t = parseTime(v.stringValue().trim());
        if (t == null) {
            throw new BadMessage(where + field + " '" + abbreviate(v.stringValue()) + "' is not an ISO-8601 date-time");
        }
        return t;
    }

    static Instant parseTime(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // fall through: without an offset, UTC
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String id(JsonNode message, String field, String where) {
        JsonNode v = message.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString() && !v.isNumber()) {
            throw new BadMessage(where + field + " must be a string");
        }
        String s = v.isString() ? v.stringValue().trim() : v.asString();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > MAX_ID_CHARS) {
            throw new BadMessage(where + field + " must be at most " + MAX_ID_CHARS + " characters");
        }
        return s;
    }

    private static String text(JsonNode message, String field, String where) {
        JsonNode v = message.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new BadMessage(where + field + " must be a string");
        }
        return v.stringValue();
    }

    private static JsonNode object(JsonNode message, String field, String where) {
        JsonNode v = message.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new BadMessage(where + field + " must be an object");
        }
        return v;
    }

    private static void putText(ObjectNode props, String field, JsonNode v) {
        String s = string(v);
        if (s != null) {
            props.put(field, s);
        }
    }

    /** A scalar as text (strings trimmed, numbers and booleans as written), or null. */
    static String string(JsonNode... candidates) {
        for (JsonNode v : candidates) {
            if (v == null || v.isNull() || v.isContainer() || v.isMissingNode()) {
                continue;
            }
            String s = v.isString() ? v.stringValue().trim() : v.asString();
            if (!s.isEmpty()) {
                return s;
            }
        }
        return null;
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(n);
        }
        return out;
    }
}
