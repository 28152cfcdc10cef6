package dev.baton.platform;

import java.util.Locale;

/** Marketing channel groups. Activities and campaigns carry one, stored as {@link #code()}. */
public enum Channel {
    PAID_SEARCH("Paid search"), ORGANIC_SEARCH("Organic search"), PAID_SOCIAL("Paid social"),
    ORGANIC_SOCIAL("Organic social"), EMAIL("Email"), REFERRAL("Referral"), DISPLAY("Display"),
    DIRECT("Direct"), DIRECT_MAIL("Direct mail"), EVENTS("Events"), WEBINAR("Webinar"), PARTNERS("Partners");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** The channel for a stored code, or null for an unknown or null code. */
    public static Channel fromCode(String code) {
        if (code == null) {
            return null;
        }
        for (Channel c : values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        return null;
    }
}
