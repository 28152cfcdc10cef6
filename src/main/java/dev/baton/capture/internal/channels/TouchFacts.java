package dev.baton.capture.internal.channels;

import dev.baton.capture.ChannelRules.Field;
import dev.baton.capture.Touch;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The values rules look at, derived once per touch: trimmed, lower-cased, capped in length, with hosts
 * pulled out of the referrer and page URLs. A referrer from the page's own site is not an external
 * referrer (its {@code referrer_host} is empty) so that internal navigation never counts as a referral.
 */
final class TouchFacts {

    /** Longer values are cut: rules never need more, and it bounds the work a regex can do. */
    static final int MAX_VALUE_LENGTH = 2048;

    private final Map<Field, String> values = new EnumMap<>(Field.class);
    private final String selfReferrerHost;

    private TouchFacts(Touch t) {
        put(Field.UTM_SOURCE, t.utmSource());
        put(Field.UTM_MEDIUM, t.utmMedium());
        put(Field.UTM_CAMPAIGN, t.utmCampaign());
        put(Field.UTM_TERM, t.utmTerm());
        put(Field.UTM_CONTENT, t.utmContent());
        put(Field.REFERRER, t.referrer());
        put(Field.PAGE_URL, t.pageUrl());
        String pageHost = host(t.pageUrl());
        put(Field.PAGE_HOST, pageHost);
        put(Field.PAGE_QUERY, query(t.pageUrl()));
        String referrerHost = host(t.referrer());
        if (referrerHost != null && pageHost != null && sameSite(referrerHost, pageHost)) {
            selfReferrerHost = referrerHost;
        } else {
            selfReferrerHost = null;
            put(Field.REFERRER_HOST, referrerHost);
        }
    }

    static TouchFacts of(Touch touch) {
        return new TouchFacts(touch == null ? new Touch(null, null, null, null, null, null, null) : touch);
    }

    /** The value of a field, lower-case, or null when missing or blank. */
    String get(Field field) {
        return values.get(field);
    }

    /** The referrer host when it was dropped as this site's own, else null. */
    String selfReferrerHost() {
        return selfReferrerHost;
    }

    private void put(Field field, String raw) {
        if (raw == null) {
            return;
        }
        String v = raw.strip();
        if (v.isEmpty()) {
            return;
        }
        if (v.length() > MAX_VALUE_LENGTH) {
            v = v.substring(0, MAX_VALUE_LENGTH);
        }
        values.put(field, v.toLowerCase(Locale.ROOT));
    }

    /**
     * The host of a URL, lower-case, without port, user info or a leading "www.". Lenient on purpose:
     * referrers arrive unencoded, without scheme ("google.com/search"), or as app links
     * ("android-app://com.google.android.gm").
     */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        if (s.length() > MAX_VALUE_LENGTH) {
            s = s.substring(0, MAX_VALUE_LENGTH);
        }
        int scheme = s.indexOf("://");
        if (scheme >= 0 && isScheme(s, scheme)) {
            s = s.substring(scheme + 3);
        } else if (s.startsWith("//")) {
            s = s.substring(2);
        }
        int end = s.length();
        for (char stop : new char[] {'/', '?', '#', '\\', ' '}) {
            int i = s.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        s = s.substring(0, end);
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            s = close > 0 ? s.substring(0, close + 1) : s;
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0) {
                s = s.substring(0, colon);
            }
        }
        s = s.toLowerCase(Locale.ROOT);
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("www.")) {
            s = s.substring(4);
        }
        return s.isEmpty() ? null : s;
    }

    /** RFC 3986 scheme: a letter, then letters, digits, "+", "-" or "." (checked by hand: this is the hot path). */
    private static boolean isScheme(String s, int end) {
        if (end == 0 || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static String query(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        int hash = url.indexOf('#', q);
        return url.substring(q + 1, hash < 0 ? url.length() : hash);
    }

    /** The same host, or one a subdomain of the other (blog.acme.com and acme.com are one site). */
    static boolean sameSite(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }
}
