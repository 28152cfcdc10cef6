package dev.baton.capture;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hosted forms: definitions built in the UI or the API, rendered by Baton ({@code /f/<key>}, an iframe or a
 * script embed) and submitted by plain HTML POST or fetch. A valid submission resolves the person (email plus
 * the tracking snippet's anonymous id, so the anonymous history is stitched), writes the mapped contact
 * attributes, appends a {@code form_submitted} activity and one consent record per ticked box, all in one
 * transaction. Spam is stopped by a honeypot field, a minimum fill time carried in an HMAC-signed render token,
 * and per-IP rate limits (in the web layer). See docs/decisions/0009-hosted-forms.md.
 */
public interface HostedForms {

    String FORM_SUBMITTED = "form_submitted";
    /** The honeypot input: hidden from people, filled by naive bots. */
    String HONEYPOT = "website_url";
    /** The render token input. */
    String TOKEN = "_baton_token";
    /** Hidden inputs every form carries, filled from the host page by the embed script or snippet. */
    List<String> TRACKING_INPUTS = List.of("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
            "referrer", "page_url", "anonymous_id");

    /** An unmodifiable copy that, unlike List.copyOf, keeps null elements for {@link #check} to name. */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    List<FormSummary> list();

    Optional<Form> find(long id);

    Optional<Form> findByKey(String key);

    /** @throws InvalidForm naming each bad part, e.g. "fields[1].pattern" */
    Form create(FormDraft draft);

    /**
     * Replaces the definition. Once a form has been published, a consent box whose text changes gets the next
     * version, so the ledger can tell which words a person agreed to.
     *
     * @throws InvalidForm naming each bad part
     * @throws dev.baton.platform.NotFoundException for an unknown form
     */
    Form update(long id, FormDraft draft);

    void delete(long id);

    /** Checks a draft without saving it (the builder's live preview); empty when it is valid. */
    List<Problem> check(FormDraft draft);

    /** A render token for the form as it is now, signed with the server-side secret. */
    String renderToken(Form form, Instant renderedAt);

    /**
     * Checks and stores one submission.
     *
     * @throws dev.baton.platform.NotFoundException when no published form has this key
     */
    Outcome submit(Submission submission);

    /** The newest accepted submissions of a form. */
    List<SubmissionRow> recentSubmissions(long formId, int limit);

    enum Status {
        DRAFT, PUBLISHED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum FieldType {
        EMAIL, TEXT, PHONE, SELECT, TEXTAREA, HIDDEN;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Contact attributes a field can write. */
    enum Attribute {
        EMAIL, FIRST_NAME, LAST_NAME, TITLE, PHONE, COMPANY, COUNTRY, CITY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One input. {@code name} is the HTML input name (lower-case letters, digits, _); {@code attribute} the
     * contact attribute it writes, or null to keep the value only in the activity. {@code maxLength},
     * {@code pattern} (a Java regular expression the whole value must match) and {@code options} (for select)
     * are optional rules; {@code defaultValue} fills hidden fields and pre-fills others.
     */
    record Field(String name, String label, FieldType type, Attribute attribute, Boolean required,
            Integer maxLength, String pattern, String patternMessage, List<String> options, String defaultValue) {

        public Field {
            required = required != null && required;
            options = copy(options);
        }
    }

    /**
     * A consent checkbox: ticking it grants {@code purpose} on {@code channel} with exactly {@code text}.
     * {@code version} is assigned by Baton (1, then +1 whenever the text of a published form changes); a draft's
     * is ignored.
     */
    record ConsentBox(String name, String channel, String purpose, String text, Boolean required, Integer version) {

        public ConsentBox {
            required = required != null && required;
        }
    }

    /** What a form is made of, as written by a user. Either a thank-you message or a redirect URL (http/https). */
    record FormDraft(String name, Status status, List<Field> fields, List<ConsentBox> consents, Long campaignId,
            String thankYouMessage, String redirectUrl, String submitLabel) {

        public FormDraft {
            fields = copy(fields);
            consents = copy(consents);
        }
    }

    record Form(long id, String key, String name, Status status, List<Field> fields, List<ConsentBox> consents,
            Long campaignId, String thankYouMessage, String redirectUrl, String submitLabel, int revision,
            long spamRejections, Instant createdAt, Instant updatedAt) {

        public FormDraft draft() {
            return new FormDraft(name, status, fields, consents, campaignId, thankYouMessage, redirectUrl,
                    submitLabel);
        }
    }

    record FormSummary(Form form, long submissions, Instant lastSubmittedAt) {
    }

    /** A rule a draft or a submission breaks; {@code field} names the part, e.g. "fields[0].label" or "email". */
    record Problem(String field, String message) {
    }

    /**
     * One POST. {@code values} are the posted inputs (tracking inputs, the honeypot and the token included).
     */
    record Submission(String key, Map<String, String> values, String ipAddress, String userAgent) {

        public Submission {
            values = values == null ? Map.of() : Map.copyOf(values);
        }
    }

    /** What happened to a submission. */
    sealed interface Outcome {
        Form form();
    }

    /** Stored: the contact, its activity and how many consent records were written. */
    record Accepted(Form form, long contactId, long activityId, int consentRecords)
            implements Outcome {
    }

    /** Refused with messages beside fields; {@code token} is a fresh render token to post again with. */
    record Invalid(Form form, List<Problem> problems, String token) implements Outcome {
    }

    /** Taken for a bot (honeypot): nothing stored but a counter; answer as if accepted. */
    record Spam(Form form, String reason) implements Outcome {
    }

    record SubmissionRow(long id, long contactId, long activityId, Instant submittedAt, Map<String, String> values) {
    }

    class InvalidForm extends RuntimeException {
        private final List<Problem> problems;

        public InvalidForm(List<Problem> problems) {
            super(problems.isEmpty() ? "invalid form" : problems.get(0).field() + ": " + problems.get(0).message());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }
}
