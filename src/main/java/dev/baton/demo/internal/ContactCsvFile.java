package dev.baton.demo.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A realistic contact export for import benchmarks and large-file tests: 20 columns as a CRM export has them
 * (12 map to contact fields, 8 are ignored), a header row, quoted fields where a value holds a comma, every
 * email distinct. The same seed and row count give the same bytes.
 */
public final class ContactCsvFile {

    public static final String HEADER = "Record ID,Email,First Name,Last Name,Job Title,Phone Number,Company Name,"
            + "Country,City,Lead Source,Lifecycle Stage,Time Zone,Industry,Website,Street,State,Postal Code,"
            + "Annual Revenue,Employees,Created Date";

    private static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannah",
        "Ivan", "Julia", "Karim", "Lena", "Marco", "Nora", "Oskar", "Paula", "Quentin", "Rosa", "Sven", "Tara",
        "José", "Zoë", "Łukasz", "Chloé"};
    private static final String[] LAST = {"Müller", "Schmidt", "Meyer", "Garcia", "Rossi", "Dubois", "Smith",
        "Johnson", "Nowak", "Jensen", "Kowalski", "Novak", "Silva", "Yilmaz", "Andersson", "O'Brien", "Fischer",
        "Weber", "Martin", "Bernard"};
    private static final String[] TITLES = {"Marketing Manager", "Head of Demand Generation", "CMO",
        "Marketing Operations Specialist", "Sales Director", "VP Sales", "Product Marketing Manager", "CEO",
        "Growth Lead", "Content Strategist", "IT Manager", "Procurement, EMEA"};
    private static final String[][] PLACES = {{"Germany", "Berlin", "Europe/Berlin"},
        {"Germany", "Munich", "Europe/Berlin"}, {"France", "Paris", "Europe/Paris"},
        {"United Kingdom", "London", "Europe/London"}, {"United States", "New York", "America/New_York"},
        {"United States", "San Francisco", "America/Los_Angeles"}, {"Spain", "Madrid", "Europe/Madrid"},
        {"Italy", "Milan", "Europe/Rome"}, {"Netherlands", "Amsterdam", "Europe/Amsterdam"},
        {"Poland", "Warsaw", "Europe/Warsaw"}};
    private static final String[] SOURCES = {"Trade Show", "Webinar", "Purchased List", "Website", "Partner",
        "Paid Search", "Content Syndication"};
    private static final String[] STAGES = {"Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead",
        "Opportunity", "Customer"};
    private static final String[] INDUSTRIES = {"Software", "Manufacturing", "Retail", "Financial Services",
        "Healthcare", "Education", "Logistics"};

    private ContactCsvFile() {
    }

    /** Writes {@code rows} data rows after the header; returns the file size in bytes. */
    public static long write(Path file, long rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder line = new StringBuilder(512);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write("\r\n");
            for (long i = 0; i < rows; i++) {
                String first = FIRST[r.nextInt(FIRST.length)];
                String last = LAST[r.nextInt(LAST.length)];
                String[] place = PLACES[r.nextInt(PLACES.length)];
                int company = r.nextInt(50_000);
                String domain = "company" + company + ".example.com";
                line.setLength(0);
                line.append("00Q").append(1_000_000_000L + i).append(',')
                        .append(ascii(first)).append('.').append(ascii(last)).append('.').append(i).append('@')
                        .append(domain).append(',')
                        .append(first).append(',')
                        .append(quoted(last)).append(',')
                        .append(quoted(TITLES[r.nextInt(TITLES.length)])).append(',')
                        .append("+49 30 ").append(1_000_000 + r.nextInt(9_000_000)).append(',')
                        .append("\"Company ").append(company).append(", Inc.\"").append(',')
                        .append(place[0]).append(',').append(place[1]).append(',')
                        .append(SOURCES[r.nextInt(SOURCES.length)]).append(',')
                        .append(STAGES[r.nextInt(STAGES.length)]).append(',')
                        .append(place[2]).append(',')
                        .append(INDUSTRIES[r.nextInt(INDUSTRIES.length)]).append(',')
                        .append("https://www.").append(domain).append(',')
                        .append(r.nextInt(1, 300)).append(" Main Street").append(',')
                        .append(place[1]).append(',')
                        .append(10_000 + r.nextInt(89_999)).append(',')
                        .append(r.nextLong(100_000, 900_000_000)).append(',')
                        .append(r.nextInt(1, 20_000)).append(',')
                        .append("2025-").append(String.format("%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)))
                        .append("\r\n");
                w.append(line);
            }
        }
        return Files.size(file);
    }

    private static String quoted(String value) {
        return value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\'') >= 0
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** Email local parts in ASCII. */
    private static String ascii(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).toCharArray()) {
            if (c == 'Ł' || c == 'ł') {
                b.append('l');
            } else if (c < 128 && Character.isLetter(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }
}
