package dev.baton.web.api;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/** The API shows money as a decimal amount plus currency; storage holds minor units (cents). */
final class Money {

    private Money() {
    }

    static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Pseudo-currencies (XAU, XXX) have no minor unit; they are stored with none. */
    static int fractionDigits(Currency c) {
        return Math.max(0, c.getDefaultFractionDigits());
    }

    static boolean fits(BigDecimal amount, Currency c) {
        return amount.stripTrailingZeros().scale() <= fractionDigits(c);
    }

    static long toMinor(BigDecimal amount, String currency) {
        return amount.movePointRight(fractionDigits(currency(currency))).longValueExact();
    }

    static Long toMinorNullable(BigDecimal amount, String currency) {
        return amount == null ? null : toMinor(amount, currency);
    }

    static BigDecimal fromMinor(Long minor, String currency) {
        if (minor == null) {
            return null;
        }
        Currency c = currency(currency);
        int digits = c == null ? 2 : fractionDigits(c);
        return BigDecimal.valueOf(minor, digits);
    }
}
