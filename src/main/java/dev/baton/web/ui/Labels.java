package dev.baton.web.ui;

import java.util.Locale;
import java.util.Map;

/** Human labels and badge colours for the enums and codes Baton shows. */
final class Labels {

    private static final String GREY = "badge-soft badge-grey";

    private static final Map<String, String> BADGES = Map.ofEntries(
            // lifecycle stages
            Map.entry("SUBSCRIBER", "badge-soft badge-grey"),
            Map.entry("LEAD", "badge-soft badge-blue"),
            Map.entry("MQL", "badge-soft badge-indigo"),
            Map.entry("SQL", "badge-soft badge-violet"),
            Map.entry("OPPORTUNITY", "badge-soft badge-amber"),
            Map.entry("CUSTOMER", "badge-soft badge-green"),
            Map.entry("EVANGELIST", "badge-soft badge-teal"),
            Map.entry("DISQUALIFIED", "badge-soft badge-red"),
            // opportunity stages
            Map.entry("PROSPECTING", "badge-soft badge-grey"),
            Map.entry("DISCOVERY", "badge-soft badge-blue"),
            Map.entry("PROPOSAL", "badge-soft badge-indigo"),
            Map.entry("NEGOTIATION", "badge-soft badge-amber"),
            Map.entry("CLOSED_WON", "badge-soft badge-green"),
            Map.entry("CLOSED_LOST", "badge-soft badge-red"),
            // campaign statuses
            Map.entry("PLANNED", "badge-soft badge-blue"),
            Map.entry("ACTIVE", "badge-soft badge-green"),
            Map.entry("COMPLETED", "badge-soft badge-grey"),
            Map.entry("ABORTED", "badge-soft badge-red"),
            // member statuses
            Map.entry("TARGETED", "badge-soft badge-grey"),
            Map.entry("SENT", "badge-soft badge-blue"),
            Map.entry("OPENED", "badge-soft badge-indigo"),
            Map.entry("CLICKED", "badge-soft badge-violet"),
            Map.entry("REGISTERED", "badge-soft badge-amber"),
            Map.entry("ATTENDED", "badge-soft badge-green"),
            Map.entry("NO_SHOW", "badge-soft badge-red"),
            Map.entry("RESPONDED", "badge-soft badge-green"),
            // consent
            Map.entry("GRANTED", "badge-soft badge-green"),
            Map.entry("DENIED", "badge-soft badge-red"),
            Map.entry("WITHDRAWN", "badge-soft badge-amber"),
            // roles
            Map.entry("ADMIN", "badge-soft badge-red"),
            Map.entry("OPS", "badge-soft badge-violet"),
            Map.entry("MARKETER", "badge-soft badge-blue"),
            Map.entry("SALES", "badge-soft badge-amber"),
            Map.entry("VIEWER", "badge-soft badge-grey"));

    private static final Map<String, String> SPECIAL = Map.of(
            "MQL", "MQL", "SQL", "SQL", "SEO", "SEO", "OPS", "Ops", "PAID_ADS", "Paid ads", "NO_SHOW", "No-show");

    private Labels() {
    }

    static String of(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof dev.baton.platform.Channel c) {
            return c.label();
        }
        String key = value instanceof Enum<?> e ? e.name() : value.toString();
        String special = SPECIAL.get(key);
        return special != null ? special : humanize(key);
    }

    static String badge(Object value) {
        if (value == null) {
            return GREY;
        }
        String key = value instanceof Enum<?> e ? e.name() : value.toString().toUpperCase(Locale.ROOT);
        return BADGES.getOrDefault(key, GREY);
    }

    /** "CLOSED_WON" / "email.opened" / "page_view" → "Closed won" / "Email opened" / "Page view". */
    static String humanize(String code) {
        if (code == null || code.isBlank()) {
            return "—";
        }
        String s = code.replace('_', ' ').replace('.', ' ').replace('-', ' ').trim().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
