package dev.baton.web.ui;

import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * Formatting for templates ({@code ${fmt.money(...)}}), bound to the signed-in user's time zone so
 * that every time on screen is the user's local time, never the server's.
 */
public final class ViewFormat {

    private static final Locale LOCALE = Locale.US;

    private final ZoneId zone;
    private final Clock clock;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;

    public ViewFormat(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
        this.dateTime = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm", LOCALE).withZone(zone);
        this.date = DateTimeFormatter.ofPattern("MMM d, yyyy", LOCALE).withZone(zone);
        this.time = DateTimeFormatter.ofPattern("HH:mm", LOCALE).withZone(zone);
    }

    public String zone() {
        return zone.getId();
    }

    public String id(long id) {
        return Ids.format(id);
    }

    public String id(Long id) {
        return id == null ? null : Ids.format(id);
    }

    public String dateTime(Instant at) {
        return at == null ? "—" : dateTime.format(at);
    }

    public String date(Instant at) {
        return at == null ? "—" : date.format(at);
    }

    public String time(Instant at) {
        return at == null ? "" : time.format(at);
    }

    public String day(LocalDate day) {
        return day == null ? "—" : DateTimeFormatter.ofPattern("MMM d, yyyy", LOCALE).format(day);
    }

    /** "Oct 22 – Nov 12, 2026", or with both years when they differ; open ends show as "…". */
    public String range(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return "—";
        }
        if (from == null || to == null) {
            return (from == null ? "…" : day(from)) + " – " + (to == null ? "…" : day(to));
        }
        if (from.getYear() == to.getYear()) {
            return DateTimeFormatter.ofPattern("MMM d", LOCALE).format(from) + " – " + day(to);
        }
        return day(from) + " – " + day(to);
    }

    /** "Today", "Yesterday" or the date, in the user's zone: the heading of a timeline day. */
    public String dayHeading(Instant at) {
        LocalDate d = at.atZone(zone).toLocalDate();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (d.equals(today)) {
            return "Today";
        }
        if (d.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return DateTimeFormatter.ofPattern("EEEE, MMM d, yyyy", LOCALE).format(d);
    }

    /** "just now", "5 min ago", "3 h ago", "12 days ago", else the date. */
    public String ago(Instant at) {
        if (at == null) {
            return "never";
        }
        Duration d = Duration.between(at, clock.instant());
        if (d.isNegative()) {
            return dateTime(at);
        }
        long s = d.getSeconds();
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return (s / 60) + " min ago";
        }
        if (s < 86_400) {
            return (s / 3600) + " h ago";
        }
        long days = s / 86_400;
        if (days < 45) {
            return days == 1 ? "yesterday" : days + " days ago";
        }
        return date(at);
    }

    public String num(long n) {
        return NumberFormat.getIntegerInstance(LOCALE).format(n);
    }

    public String num(Number n) {
        return n == null ? "—" : num(n.longValue());
    }

    /** 1234 → "1.2K", 5600000 → "5.6M". */
    public String compact(long n) {
        long abs = Math.abs(n);
        if (abs < 10_000) {
            return num(n);
        }
        String[] units = {"K", "M", "B", "T"};
        double v = n;
        int i = -1;
        while (Math.abs(v) >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        String text = Math.abs(v) >= 100 ? String.format(LOCALE, "%.0f", v) : String.format(LOCALE, "%.1f", v);
        if (text.endsWith(".0")) {
            text = text.substring(0, text.length() - 2);
        }
        return text + units[i];
    }

    /** Minor units to a currency amount; whole units once the amount is large enough that cents are noise. */
    public String money(long minor, String currencyCode) {
        Currency currency = currency(currencyCode);
        if (currency == null) {
            return num(minor / 100) + " " + (currencyCode == null ? "" : currencyCode);
        }
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        java.math.BigDecimal major = java.math.BigDecimal.valueOf(minor).movePointLeft(digits);
        NumberFormat f = NumberFormat.getCurrencyInstance(LOCALE);
        f.setCurrency(currency);
        if (major.abs().compareTo(java.math.BigDecimal.valueOf(1000)) >= 0 || minor % pow10(digits) == 0) {
            f.setMaximumFractionDigits(0);
            f.setMinimumFractionDigits(0);
        }
        return f.format(major);
    }

    public String money(Long minor, String currencyCode) {
        return minor == null ? "—" : money(minor.longValue(), currencyCode);
    }

    /** Short form for cards: "$1.2M". */
    public String moneyCompact(long minor, String currencyCode) {
        Currency currency = currency(currencyCode);
        int digits = currency == null ? 2 : Math.max(currency.getDefaultFractionDigits(), 0);
        long major = minor / pow10(digits);
        if (Math.abs(major) < 10_000) {
            return money(minor, currencyCode);
        }
        String symbol = currency == null ? "" : currency.getSymbol(LOCALE);
        String suffix = currency == null || symbol.length() > 1 ? " " + currencyCode : "";
        return (symbol.length() == 1 ? symbol : "") + compact(major) + suffix;
    }

    /** Whole currency units (account revenue). */
    public String wholeMoney(Long major, String currencyCode) {
        return major == null ? "—" : moneyCompact(major * pow10(digits(currencyCode)), currencyCode);
    }

    public int percent(long part, long whole) {
        if (whole <= 0) {
            return 0;
        }
        return (int) Math.min(100, Math.round(part * 100.0 / whole));
    }

    public String label(Object value) {
        return Labels.of(value);
    }

    public String channel(String code) {
        if (code == null || code.isBlank() || code.equals("none")) {
            return "Unattributed";
        }
        Channel c = Channel.fromCode(code);
        return c == null ? Labels.humanize(code) : c.label();
    }

    public String channel(Channel channel) {
        return channel == null ? "—" : channel.label();
    }

    /** Bootstrap classes for a status/stage badge. */
    public String badge(Object value) {
        return Labels.badge(value);
    }

    public String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] parts = name.trim().split("[\\s@._-]+");
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty() && sb.length() < 2) {
                sb.appendCodePoint(Character.toUpperCase(p.codePointAt(0)));
            }
        }
        return sb.isEmpty() ? "?" : sb.toString();
    }

    private static int digits(String currencyCode) {
        Currency c = currency(currencyCode);
        return c == null ? 2 : Math.max(c.getDefaultFractionDigits(), 0);
    }

    private static long pow10(int digits) {
        long p = 1;
        for (int i = 0; i < digits; i++) {
            p *= 10;
        }
        return p;
    }

    private static Currency currency(String code) {
        if (code == null) {
            return null;
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
