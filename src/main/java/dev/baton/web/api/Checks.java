package dev.baton.web.api;

import dev.baton.platform.Ids;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Collects rule violations that need more than one field or a lookup table (date order, time zone,
 * currency), then throws them together so that the client sees every problem at once.
 */
final class Checks {

    private final List<ApiProblem.FieldProblem> errors = new ArrayList<>();

    Checks add(String field, String message) {
        errors.add(new ApiProblem.FieldProblem(field, message));
        return this;
    }

    Checks timeZone(String field, String zone) {
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                add(field, "must be an IANA time zone such as Europe/Berlin");
            }
        }
        return this;
    }

    Checks currency(String field, String code) {
        if (code != null && Money.currency(code) == null) {
            add(field, "must be an ISO 4217 currency code such as USD");
        }
        return this;
    }

    Checks dateOrder(String startField, LocalDate start, String endField, LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) {
            add(endField, "must not be before " + startField);
        }
        return this;
    }

    /** The amount must fit the currency's minor unit (2 decimals for USD, 0 for JPY). */
    Checks money(String amountField, java.math.BigDecimal amount, String currency) {
        Currency c = currency == null ? null : Money.currency(currency);
        if (amount != null && c != null && !Money.fits(amount, c)) {
            add(amountField, "must have at most " + Money.fractionDigits(c) + " decimal places for " + c.getCurrencyCode());
        }
        return this;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiValidationException(errors);
        }
    }

    static Long id(String text) {
        return text == null ? null : Ids.parse(text);
    }

    /** A path id: malformed ids name no resource, so they are answered 404 like unknown ones. */
    static long pathId(String what, String text) {
        if (!Ids.isValid(text)) {
            throw new dev.baton.platform.NotFoundException(what, text);
        }
        return Ids.parse(text);
    }
}
