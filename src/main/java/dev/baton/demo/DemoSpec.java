package dev.baton.demo;

import java.time.LocalDate;

/**
 * What demo company to generate. The same spec always produces the same data (ids and creation
 * times aside): the seed drives every random choice and {@code anchor} fixes the calendar.
 *
 * @param seed   BATON_DEMO_SEED
 * @param scale  size multiplier; 1 = 21,000 contacts and 540,000 activities. Fractions make small
 *               companies for tests, larger values make benchmark data sets.
 * @param anchor the day the demo's twelve months of history end (exclusive): normally today (UTC)
 */
public record DemoSpec(long seed, double scale, LocalDate anchor) {

    public DemoSpec {
        if (!(scale > 0) || scale > 1000) {
            throw new IllegalArgumentException("demo scale must be > 0 and <= 1000 but was " + scale);
        }
        if (anchor == null) {
            throw new IllegalArgumentException("anchor is required");
        }
    }

    /** Compact text kept in the job record so that a resumed load continues the same company. */
    public String describe() {
        return "seed=" + seed + ";scale=" + scale + ";anchor=" + anchor;
    }

    /** Parses {@link #describe()}. */
    public static DemoSpec parse(String text) {
        long seed = 0;
        double scale = 1;
        LocalDate anchor = null;
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = part.substring(0, eq).trim();
            String v = part.substring(eq + 1).trim();
            switch (k) {
                case "seed" -> seed = Long.parseLong(v);
                case "scale" -> scale = Double.parseDouble(v);
                case "anchor" -> anchor = LocalDate.parse(v);
                default -> { }
            }
        }
        return new DemoSpec(seed, scale, anchor);
    }
}
