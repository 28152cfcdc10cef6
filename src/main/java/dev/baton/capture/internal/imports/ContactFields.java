package dev.baton.capture.internal.imports;

import com.sanctionco.jmail.JMail;
import dev.baton.capture.ImportPreset;
import dev.baton.capture.ImportTarget;
import dev.baton.people.ContactDraft;
import dev.baton.people.LifecycleStage;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contact fields an import can fill, the header synonyms that suggest them, the shipped presets, and the
 * row-level checks (the same limits as the contacts API).
 */
final class ContactFields {

    /** Field → maximum length. */
    static final Map<String, Integer> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("email", 254);
        FIELDS.put("externalId", 200);
        FIELDS.put("firstName", 100);
        FIELDS.put("lastName", 100);
        FIELDS.put("title", 200);
        FIELDS.put("phone", 50);
        FIELDS.put("company", 200);
        FIELDS.put("country", 100);
        FIELDS.put("city", 100);
        FIELDS.put("leadSource", 100);
        FIELDS.put("lifecycleStage", 40);
        FIELDS.put("timeZone", 64);
    }

    /** Normalized header → field. */
    private static final Map<String, String> SYNONYMS = new LinkedHashMap<>();

    static {
        syn("email", "email", "e-mail", "email address", "e-mail address", "mail", "work email", "business email");
        syn("externalId", "external id", "id", "record id", "contact id", "lead id", "crm id", "salesforce id");
        syn("firstName", "first name", "firstname", "given name", "forename", "vorname", "prenom");
        syn("lastName", "last name", "lastname", "surname", "family name", "nachname", "nom");
        syn("title", "title", "job title", "position", "role", "job role");
        syn("phone", "phone", "phone number", "telephone", "tel", "mobile", "mobile phone", "work phone");
        syn("company", "company", "company name", "account", "account name", "organization", "organisation",
                "firma");
        syn("country", "country", "country/region", "country region", "mailing country", "land");
        syn("city", "city", "town", "mailing city", "ort");
        syn("leadSource", "lead source", "source", "original source", "leadsource");
        syn("lifecycleStage", "lifecycle stage", "lifecycle", "stage", "status");
        syn("timeZone", "time zone", "timezone", "tz");
    }

    static final List<ImportPreset> PRESETS = List.of(
            preset("salesforce", "Contact ID", "externalId", "Lead ID", "externalId", "Email", "email",
                    "First Name", "firstName", "Last Name", "lastName", "Title", "title", "Phone", "phone",
                    "Account Name", "company", "Company", "company", "Mailing Country", "country",
                    "Mailing City", "city", "Lead Source", "leadSource"),
            preset("hubspot", "Record ID", "externalId", "Email", "email", "First Name", "firstName",
                    "Last Name", "lastName", "Job Title", "title", "Phone Number", "phone",
                    "Company Name", "company", "Country/Region", "country", "City", "city",
                    "Original Source", "leadSource", "Lifecycle Stage", "lifecycleStage", "Time Zone", "timeZone"),
            preset("marketo", "Id", "externalId", "Email Address", "email", "First Name", "firstName",
                    "Last Name", "lastName", "Job Title", "title", "Phone Number", "phone",
                    "Company Name", "company", "Country", "country", "City", "city", "Lead Source", "leadSource"));

    private ContactFields() {
    }

    private static void syn(String field, String... headers) {
        for (String h : headers) {
            SYNONYMS.put(normalize(h), field);
        }
    }

    private static ImportPreset preset(String name, String... pairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put(pairs[i], pairs[i + 1]);
        }
        return new ImportPreset(name, ImportTarget.CONTACTS, columns, true);
    }

    /** Lower case, letters and digits only: "E-mail" and "Email" and "EMAIL" are the same header. */
    static String normalize(String header) {
        StringBuilder b = new StringBuilder(header.length());
        for (char c : header.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Header → field for the headers a synonym recognizes; each field at most once. */
    static Map<String, String> suggest(List<String> headers, Map<String, String> preset) {
        Map<String, String> byNorm = new LinkedHashMap<>();
        preset.forEach((h, f) -> byNorm.put(normalize(h), f));
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String header : headers) {
            String norm = normalize(header);
            String field = byNorm.containsKey(norm) ? byNorm.get(norm) : SYNONYMS.get(norm);
            if (field != null && !mapping.containsValue(field)) {
                mapping.put(header, field);
            }
        }
        return mapping;
    }

    /** Collects the row-level problems of one row. */
    interface Problems {
        void add(String column, String value, String message);
    }

    /**
     * The contact fields of one row; values that break a rule are reported and left out (null).
     * Returns the external id in {@code externalId[0]}.
     */
    static ContactDraft draft(Map<String, String> fieldToValue, Map<String, String> fieldToColumn,
            Problems problems, String[] externalId) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fieldToValue.entrySet()) {
            String value = e.getValue() == null ? null : e.getValue().strip();
            if (value == null || value.isEmpty()) {
                continue;
            }
            String column = fieldToColumn.get(e.getKey());
            int max = FIELDS.get(e.getKey());
            if (value.length() > max) {
                problems.add(column, value, e.getKey() + " is longer than " + max + " characters");
                continue;
            }
            v.put(e.getKey(), value);
        }
        String email = v.get("email");
        if (email != null && !JMail.isValid(email)) {
            problems.add(fieldToColumn.get("email"), email, "not a valid email address");
            email = null;
        }
        LifecycleStage stage = null;
        if (v.containsKey("lifecycleStage")) {
            stage = stage(v.get("lifecycleStage"));
            if (stage == null) {
                problems.add(fieldToColumn.get("lifecycleStage"), v.get("lifecycleStage"),
                        "unknown lifecycle stage (use one of " + List.of(LifecycleStage.values()) + ")");
            }
        }
        String zone = v.get("timeZone");
        if (zone != null) {
            try {
                zone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                problems.add(fieldToColumn.get("timeZone"), zone, "not a time zone id such as Europe/Berlin");
                zone = null;
            }
        }
        externalId[0] = v.get("externalId");
        return new ContactDraft(email, v.get("firstName"), v.get("lastName"), v.get("title"), v.get("phone"),
                v.get("company"), v.get("country"), v.get("city"), null, null, stage, v.get("leadSource"), zone);
    }

    /** Accepts codes and common CRM spellings ("Marketing Qualified Lead", "salesqualifiedlead"). */
    static LifecycleStage stage(String text) {
        String n = normalize(text);
        for (LifecycleStage s : LifecycleStage.values()) {
            if (normalize(s.name()).equals(n)) {
                return s;
            }
        }
        return switch (n) {
            case "marketingqualifiedlead" -> LifecycleStage.MQL;
            case "salesqualifiedlead" -> LifecycleStage.SQL;
            default -> null;
        };
    }
}
