package dev.baton.capture;

import java.util.Locale;

/** What an import creates; every kind shares the same job flow (preview, mapping, chunked run, error report). */
public enum ImportTarget {
    CONTACTS, ACCOUNTS, OPPORTUNITIES, CAMPAIGN_MEMBERS, COST_ENTRIES;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
