package dev.baton.capture;

import java.util.Locale;

/** What an import creates. Contacts first; accounts, opportunities, members and costs share the same job flow. */
public enum ImportTarget {
    CONTACTS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
