package dev.baton.capture.internal.imports;

import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportMapping.MatchKey;
import dev.baton.capture.ImportTarget;
import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.AccountDirectory.ExternalUpsert;
import dev.baton.people.AccountDraft;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Account imports: match by external id, domain (from a domain or website column) or name. */
@Component
class AccountWriter implements KindWriter {

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    static final Catalogue CATALOGUE = new Catalogue(ImportTarget.ACCOUNTS)
            .field("externalId", 200, "external id", "id", "account id", "record id", "company id", "crm id",
                    "salesforce id")
            .field("name", 200, "name", "account name", "company", "company name", "organization", "organisation")
            .field("domain", 253, "domain", "website", "web site", "url", "company domain name", "domain name")
            .field("industry", 100, "industry", "sector")
            .field("employees", 12, "employees", "number of employees", "employee count", "headcount")
            .field("annualRevenue", 20, "annual revenue", "revenue")
            .field("region", 100, "region", "billing state/province", "state/region", "state")
            .field("country", 100, "country", "billing country", "country/region")
            .key(MatchKey.EXTERNAL_ID, "externalId")
            .key(MatchKey.DOMAIN, "domain")
            .key(MatchKey.NAME, "name")
            .preset("salesforce accounts", "Account ID", "externalId", "Account Name", "name", "Website", "domain",
                    "Industry", "industry", "Employees", "employees", "Annual Revenue", "annualRevenue",
                    "Billing State/Province", "region", "Billing Country", "country")
            .preset("hubspot companies", "Record ID", "externalId", "Company name", "name",
                    "Company Domain Name", "domain", "Industry", "industry", "Number of Employees", "employees",
                    "Annual Revenue", "annualRevenue", "State/Region", "region", "Country/Region", "country");

    private final AccountDirectory accounts;

    AccountWriter(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @Override
    public Catalogue catalogue() {
        return CATALOGUE;
    }

    record Row(String externalId, AccountDraft fields) {
    }

    @Override
    public Object parse(Map<String, String> v, Columns columns, ContactFields.Problems problems) {
        boolean ok = true;
        String domain = v.get("domain");
        if (domain != null) {
            domain = domain(domain);
            if (domain == null) {
                problems.add(columns.of("domain"), v.get("domain"), "not a domain or website such as acme.com");
                ok = false;
            }
        }
        Integer employees = null;
        if (v.containsKey("employees")) {
            Long n = Amounts.wholeNumber(v.get("employees"));
            if (n == null || n < 0 || n > Integer.MAX_VALUE) {
                problems.add(columns.of("employees"), v.get("employees"), "employees is not a whole number ≥ 0");
                ok = false;
            } else {
                employees = n.intValue();
            }
        }
        Long revenue = null;
        if (v.containsKey("annualRevenue")) {
            revenue = Amounts.wholeNumber(v.get("annualRevenue"));
            if (revenue == null || revenue < 0) {
                problems.add(columns.of("annualRevenue"), v.get("annualRevenue"),
                        "annualRevenue is not a whole amount ≥ 0 such as 1,200,000");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        return new Row(v.get("externalId"), new AccountDraft(v.get("name"), domain, v.get("industry"), employees,
                revenue, v.get("region"), v.get("country"), null));
    }

    /** "https://www.Acme.com/about" → "acme.com"; null when it is no host name. */
    static String domain(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        for (char c : new char[] {'/', '?', '#', ':'}) {
            int i = s.indexOf(c);
            if (i >= 0) {
                s = s.substring(0, i);
            }
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("www.")) {
            s = s.substring(4);
        }
        return HOST.matcher(s).matches() && s.length() <= 253 ? s : null;
    }

    @Override
    public Outcome write(Object parsed, ImportMapping mapping, Columns columns, ContactFields.Problems problems) {
        Row row = (Row) parsed;
        AccountDraft f = row.fields();
        Optional<Long> existing = switch (mapping.matchKey()) {
            case DOMAIN -> accounts.findByDomain(f.domain());
            case NAME -> accounts.findByName(f.name());
            default -> accounts.findByExternalId(row.externalId());
        };
        String keyField = CATALOGUE.keys().get(mapping.matchKey());
        String keyValue = mapping.matchKey() == MatchKey.DOMAIN ? f.domain()
                : mapping.matchKey() == MatchKey.NAME ? f.name() : row.externalId();
        switch (Decision.of(existing.isPresent(), mapping.policy())) {
            case SKIP -> {
                return Outcome.of(Result.SKIPPED);
            }
            case REFUSE -> {
                problems.add(columns.of(keyField), keyValue,
                        Decision.refusal(existing.isPresent(), mapping.policy(), "account", mapping.matchKey()));
                return null;
            }
            default -> {
                // written below
            }
        }
        if (existing.isEmpty()) {
            if (row.externalId() != null) {
                ExternalUpsert u = accounts.upsertExternal(row.externalId(), f);
                return new Outcome(u.created() ? Result.CREATED : u.changed() ? Result.UPDATED : Result.UNCHANGED,
                        null, u.accountId(), null);
            }
            if (f.name() == null) {
                problems.add(columns.of("name"), "", "name is required to create an account");
                return null;
            }
            return new Outcome(Result.CREATED, null, accounts.create(f).id(), null);
        }
        long id = existing.get();
        if (mapping.matchKey() == MatchKey.EXTERNAL_ID) {
            ExternalUpsert u = accounts.upsertExternal(row.externalId(), f);
            return new Outcome(u.changed() ? Result.UPDATED : Result.UNCHANGED, null, id, null);
        }
        Account a = accounts.find(id).orElseThrow();
        AccountDraft before = new AccountDraft(a.name(), a.domain(), a.industry(), a.employees(), a.annualRevenue(),
                a.region(), a.country(), a.ownerId());
        AccountDraft after = new AccountDraft(pick(f.name(), a.name()), pick(f.domain(), a.domain()),
                pick(f.industry(), a.industry()), pick(f.employees(), a.employees()),
                pick(f.annualRevenue(), a.annualRevenue()), pick(f.region(), a.region()),
                pick(f.country(), a.country()), a.ownerId());
        if (after.equals(before)) {
            return new Outcome(Result.UNCHANGED, null, id, null);
        }
        accounts.update(id, after);
        return new Outcome(Result.UPDATED, null, id, null);
    }

    private static <T> T pick(T value, T current) {
        return value != null ? value : current;
    }
}
