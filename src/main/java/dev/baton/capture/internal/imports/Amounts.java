package dev.baton.capture.internal.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/** Numbers, amounts and dates as CRM and finance exports write them. */
final class Amounts {

    /** "12,345.67", "12345", "1.234,5", "$ 1,200", "-50": digits with at most one decimal separator. */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9.,' ]*");

    static final String DATE_FORMATS = "2026-03-31 (ISO), 3/31/2026 (US) or 31.03.2026 (EU)";
    static final String MONTH_FORMATS = "2026-03 (ISO), 3/2026 or Mar 2026";

    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter EU = DateTimeFormatter.ofPattern("d.M.uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MONTH_SLASH = DateTimeFormatter.ofPattern("M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMM uuuu", Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);

    private Amounts() {
    }

    /** A decimal amount; the last '.' or ',' followed by 1 or 2 digits is the decimal separator. Null if none. */
    static BigDecimal decimal(String text) {
        String s = text.strip();
        // currency symbols and codes around the number ("$1,200", "1.200 €", "EUR 50")
        s = s.replaceAll("^[^0-9-]*", "").replaceAll("[^0-9]*$", "");
        if (s.isEmpty() || !NUMBER.matcher(s).matches()) {
            return null;
        }
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        int sep = Math.max(digits.lastIndexOf('.'), digits.lastIndexOf(','));
        String whole = digits;
        String fraction = "";
        if (sep >= 0 && digits.length() - sep - 1 <= 2) {
            whole = digits.substring(0, sep);
            fraction = digits.substring(sep + 1);
        }
        whole = whole.replaceAll("[.,' ]", "");
        if (whole.isEmpty() || !whole.chars().allMatch(Character::isDigit)
                || !fraction.chars().allMatch(Character::isDigit)) {
            return null;
        }
        BigDecimal value = new BigDecimal(whole + (fraction.isEmpty() ? "" : "." + fraction));
        return negative ? value.negate() : value;
    }

    /** A whole number written with or without thousands separators; null if it has a fraction or is no number. */
    static Long wholeNumber(String text) {
        BigDecimal d = decimal(text);
        if (d == null || d.stripTrailingZeros().scale() > 0) {
            return null;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** ISO yyyy-MM-dd, US M/d/yyyy or EU d.M.yyyy; null otherwise. */
    static LocalDate date(String text) {
        String s = text.strip();
        int space = s.indexOf(' ');
        if (space > 0) {
            s = s.substring(0, space); // "2026-03-31 00:00:00"
        }
        int t = s.indexOf('T');
        if (t == 10) {
            s = s.substring(0, t);
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.ISO_LOCAL_DATE, US, EU}) {
            try {
                return LocalDate.parse(s, f);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return null;
    }

    /** yyyy-MM, M/yyyy or "Mar 2026"; null otherwise. */
    static YearMonth month(String text) {
        String s = text.strip();
        try {
            return YearMonth.parse(s);
        } catch (DateTimeParseException e) {
            // next format
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {MONTH_SLASH, MONTH_NAME}) {
            try {
                return YearMonth.parse(s.length() > 3 && f == MONTH_NAME
                        ? Character.toUpperCase(s.charAt(0)) + s.substring(1, 3).toLowerCase(Locale.ROOT) + s.substring(3)
                        : s, f);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return null;
    }
}
