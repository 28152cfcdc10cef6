package dev.baton.platform;

import com.github.f4b6a3.tsid.Tsid;
import com.github.f4b6a3.tsid.TsidFactory;

/**
 * App-generated 64-bit time-sorted ids (TSID). Stored as BIGINT, shown in URLs and the API as
 * their 13-character Crockford base32 form.
 */
public final class Ids {

    private static final TsidFactory FACTORY = TsidFactory.builder().withNodeBits(8)
            .withNode((int) (ProcessHandle.current().pid() & 0xFF)).build();

    private Ids() {
    }

    public static long next() {
        return FACTORY.create().toLong();
    }

    public static String format(long id) {
        return Tsid.from(id).toString();
    }

    public static String formatNullable(Long id) {
        return id == null ? null : format(id);
    }

    /** Parses the string form; throws {@link IllegalArgumentException} when it is not a valid id. */
    public static long parse(String text) {
        if (text == null || !Tsid.isValid(text)) {
            throw new IllegalArgumentException("not a valid id: " + text);
        }
        return Tsid.from(text).toLong();
    }

    public static boolean isValid(String text) {
        return text != null && Tsid.isValid(text);
    }
}
