package dev.baton.capture.internal.imports;

import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportMapping.MatchKey;
import dev.baton.capture.ImportTarget;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CostEntryDraft;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Cost entry imports. An entry is identified by its natural key (campaign, period, amount, currency and
 * description), so importing the same rows again finds them and writes nothing.
 */
@Component
class CostEntryWriter implements KindWriter {

    static final Catalogue CATALOGUE = new Catalogue(ImportTarget.COST_ENTRIES)
            .field("campaign", 200, "campaign", "campaign id", "campaign name", "program", "program name")
            .field("date", 40, "date", "day", "period start", "start date", "spend date", "invoice date")
            .field("periodEnd", 40, "period end", "end date", "end")
            .field("month", 20, "month", "period", "billing month")
            .field("amount", 40, "amount", "cost", "spend", "total", "net amount")
            .field("currency", 3, "currency", "currency code", "curr")
            .field("description", 500, "description", "note", "memo", "line item", "item")
            .field("vendor", 200, "vendor", "supplier", "publisher", "partner")
            .required("campaign", "amount")
            .key(MatchKey.NATURAL_KEY, null);

    private final CampaignManagement campaigns;

    CostEntryWriter(CampaignManagement campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public Catalogue catalogue() {
        return CATALOGUE;
    }

    record Row(String campaign, LocalDate start, LocalDate end, BigDecimal amount, String currency, String note) {
    }

    @Override
    public Object parse(Map<String, String> v, Columns columns, ContactFields.Problems problems) {
        boolean ok = true;
        LocalDate start = null;
        LocalDate end = null;
        if (v.containsKey("date")) {
            start = Amounts.date(v.get("date"));
            if (start == null) {
                problems.add(columns.of("date"), v.get("date"), "not a date; use " + Amounts.DATE_FORMATS);
                ok = false;
            }
        } else if (v.containsKey("month")) {
            YearMonth m = Amounts.month(v.get("month"));
            if (m == null) {
                problems.add(columns.of("month"), v.get("month"), "not a month; use " + Amounts.MONTH_FORMATS);
                ok = false;
            } else {
                start = m.atDay(1);
                end = m.atEndOfMonth();
            }
        } else {
            String column = columns.of("date") != null ? columns.of("date") : Objects.toString(columns.of("month"), "");
            problems.add(column, "", "a date or a month is required");
            ok = false;
        }
        if (v.containsKey("periodEnd") && start != null) {
            end = Amounts.date(v.get("periodEnd"));
            if (end == null) {
                problems.add(columns.of("periodEnd"), v.get("periodEnd"), "not a date; use " + Amounts.DATE_FORMATS);
                ok = false;
            } else if (end.isBefore(start)) {
                problems.add(columns.of("periodEnd"), v.get("periodEnd"), "periodEnd is before the start date");
                ok = false;
            }
        }
        BigDecimal amount = Amounts.decimal(v.get("amount"));
        if (amount == null) {
            problems.add(columns.of("amount"), v.get("amount"), "not an amount such as 12,345.67 or 12345");
            ok = false;
        } else if (amount.signum() < 0) {
            problems.add(columns.of("amount"), v.get("amount"), "amount must not be negative");
            ok = false;
        }
        String currency = v.get("currency");
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            if (!currency.matches("[A-Z]{3}") || !knownCurrency(currency)) {
                problems.add(columns.of("currency"), v.get("currency"), "not an ISO 4217 currency code such as EUR");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        String vendor = v.get("vendor");
        String description = v.get("description");
        String note = vendor == null ? description : description == null ? vendor : vendor + ": " + description;
        return new Row(v.get("campaign"), start, end == null ? start : end, amount, currency, note);
    }

    private static boolean knownCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public Outcome write(Object parsed, ImportMapping mapping, Columns columns, ContactFields.Problems problems) {
        Row row = (Row) parsed;
        Optional<Campaign> campaign = KindWriter.campaign(campaigns, row.campaign());
        if (campaign.isEmpty()) {
            problems.add(columns.of("campaign"), row.campaign(), "no campaign with this id or name");
            return null;
        }
        // a campaign always has a currency; it is the default for rows without one
        String currency = row.currency() != null ? row.currency() : campaign.get().currency();
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        long minor;
        try {
            minor = row.amount().setScale(digits, RoundingMode.UNNECESSARY).movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            problems.add(columns.of("amount"), row.amount().toPlainString(),
                    "amount has more decimals than " + currency + " allows (" + digits + ")");
            return null;
        }
        long campaignId = campaign.get().id();
        boolean exists = campaigns.costs(campaignId, row.start(), row.end(), null, 10_000).stream()
                .anyMatch(c -> c.periodStart().equals(row.start()) && c.periodEnd().equals(row.end())
                        && c.amount() == minor && c.currency().equals(currency) && Objects.equals(c.note(), row.note()));
        switch (Decision.of(exists, mapping.policy())) {
            case SKIP -> {
                return Outcome.of(Result.SKIPPED);
            }
            case REFUSE -> {
                problems.add(columns.of("amount"), row.amount().toPlainString(), Decision.refusal(exists,
                        mapping.policy(), "cost entry", MatchKey.NATURAL_KEY).replace("natural_key",
                        "campaign, period, amount, currency and description"));
                return null;
            }
            default -> {
                // written below
            }
        }
        if (exists) {
            return Outcome.of(Result.UNCHANGED);
        }
        campaigns.createCost(new CostEntryDraft(campaignId, row.start(), row.end(), minor, currency, row.note()));
        return new Outcome(Result.CREATED, null, null, campaignId);
    }
}
