package dev.baton.capture.internal.imports;

import com.sanctionco.jmail.JMail;
import dev.baton.capture.ImportMapping.MatchKey;
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

    /** Fields, synonyms, shipped presets and match keys of contact imports. */
    static final Catalogue CATALOGUE = new Catalogue(ImportTarget.CONTACTS)
            .field("email", 254, "email", "e-mail", "email address", "e-mail address", "mail", "work email",
                    "business email")
            .field("externalId", 200, "external id", "id", "record id", "contact id", "lead id", "crm id",
                    "salesforce id")
            .field("firstName", 100, "first name", "firstname", "given name", "forename", "vorname", "prenom")
            .field("lastName", 100, "last name", "lastname", "surname", "family name", "nachname", "nom")
            .field("title", 200, "title", "job title", "position", "role", "job role")
            .field("phone", 50, "phone", "phone number", "telephone", "tel", "mobile", "mobile phone", "work phone")
            .field("company", 200, "company", "company name", "account", "account name", "organization",
                    "organisation", "firma")
            .field("country", 100, "country", "country/region", "country region", "mailing country", "land")
            .field("city", 100, "city", "town", "mailing city", "ort")
            .field("leadSource", 100, "lead source", "source", "original source", "leadsource")
            .field("lifecycleStage", 40, "lifecycle stage", "lifecycle", "stage", "status")
            .field("timeZone", 64, "time zone", "timezone", "tz")
            .key(MatchKey.EMAIL, "email")
            .key(MatchKey.EXTERNAL_ID, "externalId")
            .preset("salesforce", "Contact ID", "externalId", "Lead ID", "externalId", "Email", "email",
                    "First Name", "firstName", "Last Name", "lastName", "Title", "title", "Phone", "phone",
                    "Account Name", "company", "Company", "company", "Mailing Country", "country",
                    "Mailing City", "city", "Lead Source", "leadSource")
            .preset("hubspot", "Record ID", "externalId", "Email", "email", "First Name", "firstName",
                    "Last Name", "lastName", "Job Title", "title", "Phone Number", "phone",
                    "Company Name", "company", "Country/Region", "country", "City", "city",
                    "Original Source", "leadSource", "Lifecycle Stage", "lifecycleStage", "Time Zone", "timeZone")
            .preset("marketo", "Id", "externalId", "Email Address", "email", "First Name", "firstName",
                    "Last Name", "lastName", "Job Title", "title", "Phone Number", "phone",
                    "Company Name", "company", "Country", "country", "City", "city", "Lead Source", "leadSource");

    /** Field → maximum length. */
    static final Map<String, Integer> FIELDS = CATALOGUE.fields();

    private ContactFields() {
    }

    static String normalize(String header) {
        return Catalogue.normalize(header);
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
