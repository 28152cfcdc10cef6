package dev.baton.capture;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;

/**
 * The one place capture turns phone numbers into identities: E.164 through libphonenumber, so "+49 30 1234567",
 * "030 1234567" (region DE) and "0049301234567" are the same person. Used by the collector's identity resolver
 * and by inbound webhooks.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164, or null when it is blank, unparseable or not a possible number. {@code region}
     * (an ISO 3166 code from {@link #region}) is used for numbers written without a leading {@code +}; without
     * it such numbers are unparseable.
     */
    public static String e164(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(raw.trim(), region == null ? "ZZ" : region);
            return UTIL.isPossibleNumber(n) ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The upper-case region for a two-letter country code libphonenumber knows, else null. */
    public static String region(String country) {
        if (country == null) {
            return null;
        }
        String c = country.trim().toUpperCase(Locale.ROOT);
        return c.length() == 2 && UTIL.getSupportedRegions().contains(c) ? c : null;
    }
}
