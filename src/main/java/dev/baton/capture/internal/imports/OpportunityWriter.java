package dev.baton.capture.internal.imports;

import com.sanctionco.jmail.JMail;
import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportMapping.MatchKey;
import dev.baton.capture.ImportTarget;
import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.Opportunity;
import dev.baton.lifecycle.OpportunityDraft;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
import dev.baton.people.AccountDirectory;
import dev.baton.people.ContactDirectory;
import dev.baton.people.IdentityKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Opportunity imports, matched by external (CRM) id: name, account (by the account's external id or domain),
 * stage (one of the pipeline's stages, CRM spellings accepted), amount and currency, close date, and an
 * optional contact email that becomes a contact role.
 */
@Component
class OpportunityWriter implements KindWriter {

    static final Catalogue CATALOGUE = new Catalogue(ImportTarget.OPPORTUNITIES)
            .field("externalId", 200, "external id", "opportunity id", "deal id", "record id", "id", "crm id")
            .field("name", 200, "name", "opportunity name", "deal name")
            .field("account", 253, "account", "account id", "account external id", "company", "company id",
                    "account domain", "company domain name", "website")
            .field("stage", 60, "stage", "deal stage", "opportunity stage", "sales stage")
            .field("amount", 40, "amount", "deal amount", "value", "opportunity amount")
            .field("currency", 3, "currency", "currency code", "opportunity currency", "deal currency")
            .field("closeDate", 40, "close date", "expected close date", "closing date")
            .field("contactEmail", 254, "contact email", "primary contact email", "email")
            .required("externalId")
            .key(MatchKey.EXTERNAL_ID, "externalId")
            .preset("salesforce opportunities", "Opportunity ID", "externalId", "Opportunity Name", "name",
                    "Account ID", "account", "Stage", "stage", "Amount", "amount",
                    "Opportunity Currency", "currency", "Close Date", "closeDate",
                    "Primary Contact Email", "contactEmail")
            .preset("hubspot deals", "Record ID", "externalId", "Deal Name", "name", "Associated Company ID",
                    "account", "Deal Stage", "stage", "Amount", "amount", "Currency", "currency",
                    "Close Date", "closeDate", "Associated Contact Email", "contactEmail");

    private final Pipeline pipeline;
    private final AccountDirectory accounts;
    private final ContactDirectory contacts;

    OpportunityWriter(Pipeline pipeline, AccountDirectory accounts, ContactDirectory contacts) {
        this.pipeline = pipeline;
        this.accounts = accounts;
        this.contacts = contacts;
    }

    @Override
    public Catalogue catalogue() {
        return CATALOGUE;
    }

    record Row(String externalId, String name, String account, OpportunityStage stage, BigDecimal amount,
            String currency, LocalDate closeDate, String contactEmail) {
    }

    @Override
    public Object parse(Map<String, String> v, Columns columns, ContactFields.Problems problems) {
        boolean ok = true;
        OpportunityStage stage = null;
        if (v.containsKey("stage")) {
            stage = stage(v.get("stage"));
            if (stage == null) {
                problems.add(columns.of("stage"), v.get("stage"), "not a pipeline stage (use one of "
                        + Arrays.stream(OpportunityStage.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                                .toList() + ")");
                ok = false;
            }
        }
        BigDecimal amount = null;
        if (v.containsKey("amount")) {
            amount = Amounts.decimal(v.get("amount"));
            if (amount == null || amount.signum() < 0) {
                problems.add(columns.of("amount"), v.get("amount"),
                        "not an amount ≥ 0 such as 12,345.67 or 12345");
                ok = false;
            }
        }
        String currency = v.get("currency");
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            if (!currency.matches("[A-Z]{3}") || !known(currency)) {
                problems.add(columns.of("currency"), v.get("currency"), "not an ISO 4217 currency code such as EUR");
                ok = false;
            }
        }
        LocalDate close = null;
        if (v.containsKey("closeDate")) {
            close = Amounts.date(v.get("closeDate"));
            if (close == null) {
                problems.add(columns.of("closeDate"), v.get("closeDate"), "not a date; use " + Amounts.DATE_FORMATS);
                ok = false;
            }
        }
        String email = v.get("contactEmail");
        if (email != null && !JMail.isValid(email)) {
            problems.add(columns.of("contactEmail"), email, "not a valid email address");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new Row(v.get("externalId"), v.get("name"), v.get("account"), stage, amount, currency, close,
                email == null ? null : email.toLowerCase(Locale.ROOT));
    }

    private static boolean known(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Stage codes and the usual Salesforce and HubSpot stage names. */
    static OpportunityStage stage(String text) {
        String n = Catalogue.normalize(text);
        for (OpportunityStage s : OpportunityStage.values()) {
            if (Catalogue.normalize(s.name()).equals(n)) {
                return s;
            }
        }
        return switch (n) {
            case "qualification", "needsanalysis", "iddecisionmakers", "appointmentscheduled", "qualifiedtobuy" ->
                    OpportunityStage.DISCOVERY;
            case "valueproposition", "proposalpricequote", "perceptionanalysis", "presentationscheduled" ->
                    OpportunityStage.PROPOSAL;
            case "negotiationreview", "decisionmakerboughtin", "contractsent" -> OpportunityStage.NEGOTIATION;
            case "won" -> OpportunityStage.CLOSED_WON;
            case "lost" -> OpportunityStage.CLOSED_LOST;
            default -> null;
        };
    }

    @Override
    public Outcome write(Object parsed, ImportMapping mapping, Columns columns, ContactFields.Problems problems) {
        Row row = (Row) parsed;
        Optional<Opportunity> existing = pipeline.findByExternalId(row.externalId()).flatMap(pipeline::find);
        switch (Decision.of(existing.isPresent(), mapping.policy())) {
            case SKIP -> {
                return Outcome.of(Result.SKIPPED);
            }
            case REFUSE -> {
                problems.add(columns.of("externalId"), row.externalId(), Decision.refusal(existing.isPresent(),
                        mapping.policy(), "opportunity", MatchKey.EXTERNAL_ID));
                return null;
            }
            default -> {
                // written below
            }
        }
        Long accountId = null;
        if (row.account() != null) {
            accountId = accounts.findByExternalId(row.account())
                    .or(() -> Optional.ofNullable(AccountWriter.domain(row.account())).flatMap(accounts::findByDomain))
                    .orElse(null);
            if (accountId == null) {
                problems.add(columns.of("account"), row.account(), "no account with this external id or domain");
                return null;
            }
        }
        Long contactId = null;
        if (row.contactEmail() != null) {
            contactId = contacts.resolveAll(IdentityKind.EMAIL, List.of(row.contactEmail())).get(row.contactEmail());
            if (contactId == null) {
                problems.add(columns.of("contactEmail"), row.contactEmail(), "no contact with this email");
                return null;
            }
        }
        Opportunity o = existing.orElse(null);
        String currency = row.currency() != null ? row.currency() : o != null ? o.currency() : null;
        String name = row.name() != null ? row.name() : o != null ? o.name() : null;
        Long account = accountId != null ? accountId : o != null ? o.accountId() : null;
        OpportunityStage stage = row.stage() != null ? row.stage() : o != null ? o.stage() : null;
        List<String> missing = new ArrayList<>();
        for (String[] f : new String[][] {{"name", name}, {"account", account == null ? null : "x"},
                {"stage", stage == null ? null : "x"}, {"currency", currency}}) {
            if (f[1] == null) {
                missing.add(f[0]);
            }
        }
        if (o == null && row.amount() == null) {
            missing.add("amount");
        }
        if (!missing.isEmpty()) {
            String field = missing.get(0);
            problems.add(Objects.toString(columns.of(field), ""), "", String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " required to create an opportunity");
            return null;
        }
        long amount = o != null && row.amount() == null ? o.amount() : minor(row.amount(), currency);
        if (amount < 0) {
            problems.add(columns.of("amount"), row.amount().toPlainString(),
                    "amount has more decimals than " + currency + " allows");
            return null;
        }
        LocalDate close = row.closeDate() != null ? row.closeDate() : o != null ? o.closeDate() : null;
        OpportunityDraft draft = new OpportunityDraft(name, account, o == null ? null : o.campaignId(),
                o == null ? null : o.ownerId(), stage, amount, currency, close);
        if (o == null) {
            List<ContactRole> roles = contactId == null ? List.of()
                    : List.of(new ContactRole(contactId, ContactRole.Role.OTHER, true));
            long id = pipeline.create(draft, roles).id();
            pipeline.setExternalId(id, row.externalId());
            return new Outcome(Result.CREATED, contactId, account, null);
        }
        List<ContactRole> roles = pipeline.contactRoles(o.id());
        Long roleContact = contactId;
        boolean newRole = roleContact != null && roles.stream().noneMatch(r -> r.contactId() == roleContact);
        OpportunityDraft before = new OpportunityDraft(o.name(), o.accountId(), o.campaignId(), o.ownerId(),
                o.stage(), o.amount(), o.currency(), o.closeDate());
        if (before.equals(draft) && !newRole) {
            return new Outcome(Result.UNCHANGED, null, null, null);
        }
        List<ContactRole> after = null;
        if (newRole) {
            after = new ArrayList<>(roles);
            after.add(new ContactRole(contactId, ContactRole.Role.OTHER, roles.isEmpty()));
        }
        pipeline.update(o.id(), draft, after);
        return new Outcome(Result.UPDATED, contactId, account, null);
    }

    /** Minor units of the currency, or -1 when the amount has more decimals than the currency. */
    private static long minor(BigDecimal amount, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        try {
            return amount.setScale(digits, RoundingMode.UNNECESSARY).movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
