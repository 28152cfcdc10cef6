package dev.baton.web.ui.capture;

import dev.baton.capture.HostedForms;
import dev.baton.platform.Ids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The builder page's form, bound from {@code fields[i].label} style inputs. Mutable because Spring binds
 * indexed lists into beans; {@link #apply} performs the add/remove/reorder buttons without saving, so the
 * builder works without JavaScript.
 */
public class FormBuilder {

    public static class FieldRow {
        private String name = "";
        private String label = "";
        private String type = "text";
        private String attribute = "";
        private boolean required;
        private String maxLength = "";
        private String pattern = "";
        private String patternMessage = "";
        private String options = "";
        private String defaultValue = "";

        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getLabel() { return label; }
        public void setLabel(String v) { label = v; }
        public String getType() { return type; }
        public void setType(String v) { type = v; }
        public String getAttribute() { return attribute; }
        public void setAttribute(String v) { attribute = v; }
        public boolean isRequired() { return required; }
        public void setRequired(boolean v) { required = v; }
        public String getMaxLength() { return maxLength; }
        public void setMaxLength(String v) { maxLength = v; }
        public String getPattern() { return pattern; }
        public void setPattern(String v) { pattern = v; }
        public String getPatternMessage() { return patternMessage; }
        public void setPatternMessage(String v) { patternMessage = v; }
        public String getOptions() { return options; }
        public void setOptions(String v) { options = v; }
        public String getDefaultValue() { return defaultValue; }
        public void setDefaultValue(String v) { defaultValue = v; }
    }

    public static class ConsentRow {
        private String name = "";
        private String channel = "email";
        private String purpose = "marketing";
        private String text = "";
        private boolean required;
        private Integer version;

        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getChannel() { return channel; }
        public void setChannel(String v) { channel = v; }
        public String getPurpose() { return purpose; }
        public void setPurpose(String v) { purpose = v; }
        public String getText() { return text; }
        public void setText(String v) { text = v; }
        public boolean isRequired() { return required; }
        public void setRequired(boolean v) { required = v; }
        public Integer getVersion() { return version; }
        public void setVersion(Integer v) { version = v; }
    }

    private String name = "";
    private String status = "draft";
    private String campaignId = "";
    private String success = "message";
    private String thankYouMessage = "";
    private String redirectUrl = "";
    private String submitLabel = "";
    private List<FieldRow> fields = new ArrayList<>();
    private List<ConsentRow> consents = new ArrayList<>();

    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String v) { campaignId = v; }
    public String getSuccess() { return success; }
    public void setSuccess(String v) { success = v; }
    public String getThankYouMessage() { return thankYouMessage; }
    public void setThankYouMessage(String v) { thankYouMessage = v; }
    public String getRedirectUrl() { return redirectUrl; }
    public void setRedirectUrl(String v) { redirectUrl = v; }
    public String getSubmitLabel() { return submitLabel; }
    public void setSubmitLabel(String v) { submitLabel = v; }
    public List<FieldRow> getFields() { return fields; }
    public void setFields(List<FieldRow> v) { fields = v; }
    public List<ConsentRow> getConsents() { return consents; }
    public void setConsents(List<ConsentRow> v) { consents = v; }

    /** A new form: an email field (it identifies the person) and a first-name field. */
    static FormBuilder starter() {
        FormBuilder b = new FormBuilder();
        FieldRow email = new FieldRow();
        email.setName("email");
        email.setLabel("Email");
        email.setType("email");
        email.setAttribute("email");
        email.setRequired(true);
        FieldRow first = new FieldRow();
        first.setName("first_name");
        first.setLabel("First name");
        first.setAttribute("first_name");
        b.fields.add(email);
        b.fields.add(first);
        b.thankYouMessage = "Thank you! We have received your details.";
        return b;
    }

    static FormBuilder of(HostedForms.Form f) {
        FormBuilder b = new FormBuilder();
        b.name = f.name();
        b.status = f.status().code();
        b.campaignId = f.campaignId() == null ? "" : Ids.format(f.campaignId());
        b.success = f.redirectUrl() != null ? "redirect" : "message";
        b.thankYouMessage = orEmpty(f.thankYouMessage());
        b.redirectUrl = orEmpty(f.redirectUrl());
        b.submitLabel = orEmpty(f.submitLabel());
        for (HostedForms.Field field : f.fields()) {
            FieldRow r = new FieldRow();
            r.name = field.name();
            r.label = field.label();
            r.type = field.type().code();
            r.attribute = field.attribute() == null ? "" : field.attribute().code();
            r.required = field.required();
            r.maxLength = field.maxLength() == null ? "" : field.maxLength().toString();
            r.pattern = orEmpty(field.pattern());
            r.patternMessage = orEmpty(field.patternMessage());
            r.options = String.join("\n", field.options());
            r.defaultValue = orEmpty(field.defaultValue());
            b.fields.add(r);
        }
        for (HostedForms.ConsentBox c : f.consents()) {
            ConsentRow r = new ConsentRow();
            r.name = c.name();
            r.channel = c.channel();
            r.purpose = c.purpose();
            r.text = c.text();
            r.required = c.required();
            r.version = c.version();
            b.consents.add(r);
        }
        return b;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Performs a builder button ("add-field", "remove-field-2", "up-field-1", ...); false for "save" or unknown. */
    boolean apply(String op) {
        if (op == null) {
            return false;
        }
        switch (op) {
            case "add-field" -> {
                FieldRow r = new FieldRow();
                r.name = "field_" + (fields.size() + 1);
                r.label = "New field";
                fields.add(r);
                return true;
            }
            case "add-consent" -> {
                ConsentRow r = new ConsentRow();
                r.name = "consent_" + (consents.size() + 1);
                consents.add(r);
                return true;
            }
            default -> {
            }
        }
        String[] parts = op.split("-");
        if (parts.length != 3) {
            return false;
        }
        int i;
        try {
            i = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return false;
        }
        List<?> list = parts[1].equals("field") ? fields : parts[1].equals("consent") ? consents : null;
        if (list == null || i < 0 || i >= list.size()) {
            return false;
        }
        switch (parts[0]) {
            case "remove" -> list.remove(i);
            case "up" -> {
                if (i > 0) {
                    java.util.Collections.swap(list, i, i - 1);
                }
            }
            case "down" -> {
                if (i < list.size() - 1) {
                    java.util.Collections.swap(list, i, i + 1);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The draft to check or save; problems of the page itself (e.g. a max length that is no number) go to errors. */
    HostedForms.FormDraft draft(Map<String, String> errors) {
        List<HostedForms.Field> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldRow r = fields.get(i);
            Integer max = null;
            if (r.maxLength != null && !r.maxLength.isBlank()) {
                try {
                    max = Integer.valueOf(r.maxLength.strip());
                } catch (NumberFormatException e) {
                    errors.put("fields[" + i + "].maxLength", "must be a whole number");
                }
            }
            HostedForms.FieldType type = parse(HostedForms.FieldType.class, r.type);
            if (type == null) {
                errors.put("fields[" + i + "].type", "choose a type");
            }
            List<String> options = r.options == null ? List.of()
                    : Arrays.stream(r.options.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            out.add(new HostedForms.Field(strip(r.name), strip(r.label), type,
                    parse(HostedForms.Attribute.class, r.attribute), r.required, max, r.pattern, r.patternMessage,
                    type == HostedForms.FieldType.SELECT ? options : List.of(), r.defaultValue));
        }
        List<HostedForms.ConsentBox> boxes = new ArrayList<>();
        for (ConsentRow r : consents) {
            boxes.add(new HostedForms.ConsentBox(strip(r.name), strip(r.channel), strip(r.purpose), r.text,
                    r.required, null));
        }
        Long campaign = null;
        if (campaignId != null && !campaignId.isBlank()) {
            if (Ids.isValid(campaignId.strip())) {
                campaign = Ids.parse(campaignId.strip());
            } else {
                errors.put("campaignId", "choose a campaign");
            }
        }
        boolean redirect = "redirect".equals(success);
        if (redirect && (redirectUrl == null || redirectUrl.isBlank())) {
            errors.put("redirectUrl", "is required when the form redirects");
        }
        HostedForms.Status st = parse(HostedForms.Status.class, status);
        return new HostedForms.FormDraft(name, st == null ? HostedForms.Status.DRAFT : st, out, boxes, campaign,
                redirect ? null : thankYouMessage, redirect ? redirectUrl : null, submitLabel);
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Map<String, String> problems(List<HostedForms.Problem> problems, Map<String, String> into) {
        Map<String, String> out = into == null ? new LinkedHashMap<>() : into;
        problems.forEach(p -> out.putIfAbsent(p.field(), p.message()));
        return out;
    }
}
