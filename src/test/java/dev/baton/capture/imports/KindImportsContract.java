package dev.baton.capture.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.capture.ContactImports;
import dev.baton.capture.ImportJob;
import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportMapping.MatchKey;
import dev.baton.capture.ImportMapping.Policy;
import dev.baton.capture.ImportTarget;
import dev.baton.lifecycle.Opportunity;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.management.CostEntry;
import dev.baton.management.MemberStatus;
import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.AccountDraft;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDraft;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Imports of accounts, campaign members and cost entries through the shared import machinery (chunks of 3 rows),
 * written once and run on each engine.
 */
@SpringBootTest(properties = "baton.imports.chunk-rows=3")
@ActiveProfiles("test")
abstract class KindImportsContract {

    @Autowired
    ContactImports imports;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    ContactDirectory contacts;

    @Autowired
    CampaignManagement campaigns;

    @Autowired
    ActivityLog log;

    @Autowired
    Pipeline pipeline;

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    ImportJob upload(ImportTarget target, String text) {
        return imports.upload(target, target.code() + ".csv",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null, null, null);
    }

    /** Configures and runs; the job must complete. */
    ImportJob run(ImportJob job, MatchKey key, Policy policy, String source) {
        imports.configure(job.id(), new ImportMapping(job.mapping().columns(), key, policy, source, "test"));
        ImportJob done = imports.run(job.id(), j -> { });
        assertThat(done.status()).as(done.message()).isEqualTo(ImportJob.Status.COMPLETED);
        return done;
    }

    String errors(long jobId) {
        StringWriter w = new StringWriter();
        imports.writeErrors(jobId, w);
        return w.toString();
    }

    static java.nio.file.Path tempDataDir() {
        return ContactImportsContract.tempDataDir();
    }

    List<Activity> importedActivities(long afterId) {
        List<Activity> found = new ArrayList<>();
        for (Activity a : log.readAfter(afterId, 10_000)) {
            if (a.type().equals("imported")) {
                found.add(a);
            }
        }
        return found;
    }

    Campaign campaign(String name, String currency) {
        return campaigns.create(new CampaignDraft(name, CampaignType.WEBINAR, Channel.WEBINAR, CampaignStatus.ACTIVE,
                LocalDate.of(2026, 1, 1), null, null, null, currency, null));
    }

    @Test
    void accountsMatchByNormalisedDomainAndReportBadRows() {
        String t = tag();
        Account existing = accounts.create(new AccountDraft("Initech " + t, "initech-" + t + ".com", null, null,
                null, null, "US", null));
        String csv = """
                Account Name,Website,Industry,Employees,Billing Country,Notes
                Acme %1$s,https://www.Acme-%1$s.com/about,Manufacturing,"1,200",DE,first
                Initech Renamed %1$s,initech-%1$s.com,Software,300,,
                Globex %1$s,globex-%1$s.io,Energy,many,FR,bad employees
                Hooli %1$s,not a website,Tech,10,US,bad domain
                ,umbrella-%1$s.com,Pharma,50,GB,no name for a new account
                """.formatted(t);
        ImportJob job = upload(ImportTarget.ACCOUNTS, csv);
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.PREVIEW);
        assertThat(job.mapping().columns()).containsEntry("Account Name", "name").containsEntry("Website", "domain")
                .containsEntry("Industry", "industry").containsEntry("Employees", "employees")
                .containsEntry("Billing Country", "country").doesNotContainKey("Notes");
        assertThat(imports.fields(ImportTarget.ACCOUNTS)).contains("externalId", "name", "domain", "employees");

        long before = log.lastId();
        ImportJob done = run(job, MatchKey.DOMAIN, Policy.UPSERT, "CRM export " + t);
        assertThat(done.created()).isEqualTo(1);
        assertThat(done.updated()).isEqualTo(1);
        assertThat(done.errors()).isEqualTo(3);

        Long acmeId = accounts.findByDomain("acme-" + t + ".com").orElseThrow();
        Account acme = accounts.find(acmeId).orElseThrow();
        assertThat(acme.name()).isEqualTo("Acme " + t);
        assertThat(acme.employees()).isEqualTo(1200);
        assertThat(acme.country()).isEqualTo("DE");
        Account initech = accounts.find(existing.id()).orElseThrow();
        assertThat(initech.name()).isEqualTo("Initech Renamed " + t);
        assertThat(initech.industry()).isEqualTo("Software");
        assertThat(initech.country()).isEqualTo("US");
        assertThat(accounts.findByDomain("globex-" + t + ".io")).isEmpty();
        assertThat(accounts.findByDomain("umbrella-" + t + ".com")).isEmpty();

        String report = errors(job.id());
        assertThat(report).contains("3,Employees,many,employees is not a whole number")
                .contains("4,Website,not a website,not a domain or website such as acme.com")
                .contains("5,Account Name,,name is required to create an account");

        List<Activity> acts = importedActivities(before);
        assertThat(acts).extracting(Activity::accountId).containsExactlyInAnyOrder(acmeId, existing.id());
        assertThat(acts).allSatisfy(a -> assertThat(a.props()).contains("\"source\":\"CRM export " + t + "\"")
                .contains("\"kind\":\"accounts\""));

        // the same file again with another list source: every row matches and nothing changes
        long again = log.lastId();
        ImportJob rerun = run(upload(ImportTarget.ACCOUNTS, csv), MatchKey.DOMAIN, Policy.UPSERT, "again " + t);
        assertThat(rerun.created()).isZero();
        assertThat(rerun.updated()).isZero();
        assertThat(rerun.skipped()).isEqualTo(2);
        assertThat(rerun.errors()).isEqualTo(3);
        assertThat(importedActivities(again)).isEmpty();
        assertThat(accounts.find(acmeId).orElseThrow().updatedAt()).isEqualTo(acme.updatedAt());
    }

    @Test
    void accountsByExternalIdWithTheSalesforcePresetAndPolicies() {
        String t = tag();
        String csv = """
                Account ID,Account Name,Website,Annual Revenue
                SF-%1$s-1,Alpha %1$s,alpha-%1$s.com,"2,500,000"
                SF-%1$s-2,Beta %1$s,beta-%1$s.com,12.5
                """.formatted(t);
        ImportJob job = upload(ImportTarget.ACCOUNTS, csv);
        assertThat(job.mapping().matchKey()).isEqualTo(MatchKey.EXTERNAL_ID);
        assertThat(imports.presets(ImportTarget.ACCOUNTS)).extracting(p -> p.name())
                .contains("salesforce accounts", "hubspot companies");
        ImportMapping preset = imports.applyPreset(job.id(), "salesforce accounts");
        assertThat(preset.columns()).containsEntry("Account ID", "externalId").containsEntry("Annual Revenue",
                "annualRevenue");
        assertThatThrownBy(() -> imports.configure(job.id(), new ImportMapping(preset.columns(), MatchKey.EMAIL,
                Policy.UPSERT, null, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matchKey: accounts match by external_id or domain or name");
        assertThatThrownBy(() -> imports.configure(job.id(), preset.withColumns(java.util.Map.of("Website",
                "email")))).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(
                "columns: 'email' is not a field of accounts");

        ImportJob done = run(job, MatchKey.EXTERNAL_ID, Policy.CREATE_ONLY, null);
        assertThat(done.created()).isEqualTo(1);
        assertThat(errors(job.id())).contains("2,Annual Revenue,12.5,\"annualRevenue is not a whole amount");
        assertThat(accounts.find(accounts.findByExternalId("SF-" + t + "-1").orElseThrow()).orElseThrow()
                .annualRevenue()).isEqualTo(2_500_000L);

        ImportJob again = run(upload(ImportTarget.ACCOUNTS, csv), MatchKey.EXTERNAL_ID, Policy.CREATE_ONLY, "x");
        assertThat(again.created()).isZero();
        assertThat(errors(again.id())).contains("1,Account ID,SF-" + t
                + "-1,an account with this external_id exists; policy is create only");
    }

    @Test
    void opportunitiesResolveAccountsStagesAmountsAndContactRoles() {
        String t = tag();
        long acme = accounts.upsertExternal("ACC-" + t, new AccountDraft("Opp Acme " + t, "opp-acme-" + t + ".com",
                null, null, null, null, null, null)).accountId();
        long buyer = contacts.create(new ContactDraft("buyer." + t + "@example.com", "Bea", "Buyer", null, null,
                null, null, null, null, null, null, null, null)).id();
        String csv = """
                Opportunity ID,Opportunity Name,Account ID,Stage,Amount,Opportunity Currency,Close Date,Primary Contact Email
                OPP-%1$s-1,Acme renewal,ACC-%1$s,Negotiation/Review,"12,345.67",EUR,3/31/2026,buyer.%1$s@example.com
                OPP-%1$s-2,Acme expansion,https://www.opp-acme-%1$s.com,Closed Won,5000,USD,31.12.2026,
                OPP-%1$s-3,Bad stage,ACC-%1$s,Dreaming,10,EUR,2026-01-01,
                OPP-%1$s-4,Bad date,ACC-%1$s,Prospecting,10,EUR,2026-02-30,
                OPP-%1$s-5,No account,ACC-%1$s-missing,Prospecting,10,EUR,,
                OPP-%1$s-6,No currency,ACC-%1$s,Prospecting,10,,,
                """.formatted(t);
        ImportJob job = upload(ImportTarget.OPPORTUNITIES, csv);
        assertThat(job.mapping().matchKey()).isEqualTo(MatchKey.EXTERNAL_ID);
        ImportMapping preset = imports.applyPreset(job.id(), "salesforce opportunities");
        assertThat(preset.columns()).containsEntry("Account ID", "account").containsEntry("Primary Contact Email",
                "contactEmail").containsEntry("Close Date", "closeDate");
        imports.configure(job.id(), preset);
        long before = log.lastId();
        ImportJob done = run(imports.find(job.id()).orElseThrow(), MatchKey.EXTERNAL_ID, Policy.UPSERT, "sf " + t);
        assertThat(done.created()).isEqualTo(2);
        assertThat(done.errors()).isEqualTo(4);
        assertThat(errors(job.id()))
                .contains("3,Stage,Dreaming,\"not a pipeline stage (use one of [prospecting, discovery,")
                .contains("4,Close Date,2026-02-30,\"not a date; use 2026-03-31 (ISO), 3/31/2026 (US) or "
                        + "31.03.2026 (EU)\"")
                .contains("5,Account ID,ACC-" + t + "-missing,no account with this external id or domain")
                .contains("6,Opportunity Currency,,currency is required to create an opportunity");

        Opportunity renewal = pipeline.find(pipeline.findByExternalId("OPP-" + t + "-1").orElseThrow())
                .orElseThrow();
        assertThat(renewal.accountId()).isEqualTo(acme);
        assertThat(renewal.stage()).isEqualTo(OpportunityStage.NEGOTIATION);
        assertThat(renewal.amount()).isEqualTo(1_234_567L);
        assertThat(renewal.currency()).isEqualTo("EUR");
        assertThat(renewal.closeDate()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(pipeline.contactRoles(renewal.id())).singleElement()
                .satisfies(r -> assertThat(r.contactId()).isEqualTo(buyer));
        Opportunity expansion = pipeline.find(pipeline.findByExternalId("OPP-" + t + "-2").orElseThrow())
                .orElseThrow();
        assertThat(expansion.accountId()).isEqualTo(acme);
        assertThat(expansion.stage()).isEqualTo(OpportunityStage.CLOSED_WON);
        assertThat(expansion.amount()).isEqualTo(500_000L);
        assertThat(expansion.closeDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(importedActivities(before)).hasSize(2).extracting(Activity::accountId).containsOnly(acme);

        long again = log.lastId();
        ImportJob rerunJob = upload(ImportTarget.OPPORTUNITIES, csv);
        imports.configure(rerunJob.id(), imports.applyPreset(rerunJob.id(), "salesforce opportunities"));
        ImportJob rerun = run(imports.find(rerunJob.id()).orElseThrow(), MatchKey.EXTERNAL_ID, Policy.UPSERT,
                "again");
        assertThat(rerun.created()).isZero();
        assertThat(rerun.updated()).isZero();
        assertThat(rerun.skipped()).isEqualTo(2);
        assertThat(importedActivities(again)).isEmpty();
        assertThat(pipeline.find(renewal.id()).orElseThrow().updatedAt()).isEqualTo(renewal.updatedAt());
    }

    @Test
    void campaignMembersResolveCampaignAndContactAndCreateUnknownContacts() {
        String t = tag();
        Campaign webinar = campaign("Spring Webinar " + t, "EUR");
        long known = contacts.create(new ContactDraft("known." + t + "@example.com", "Kay", "Known", null, null,
                null, null, null, null, null, null, null, null)).id();
        String csv = """
                Campaign Name,Email,First Name,Status
                Spring Webinar %1$s,known.%1$s@example.com,Kay,Attended
                spring webinar %1$s,NEW.%1$s@example.com,Nia,No Show
                %2$s,third.%1$s@example.com,,registered
                Autumn Gala %1$s,lost.%1$s@example.com,,Sent
                Spring Webinar %1$s,broken-at-example.com,,Sent
                Spring Webinar %1$s,odd.%1$s@example.com,,Maybe
                """.formatted(t, Ids.format(webinar.id()));
        ImportJob job = upload(ImportTarget.CAMPAIGN_MEMBERS, csv);
        assertThat(job.mapping().columns()).containsEntry("Campaign Name", "campaign").containsEntry("Email", "email")
                .containsEntry("Status", "status");
        long before = log.lastId();
        ImportJob done = run(job, MatchKey.EMAIL, Policy.UPSERT, "webinar attendees " + t);
        assertThat(done.created()).isEqualTo(3);
        assertThat(done.errors()).isEqualTo(3);
        String report = errors(job.id());
        assertThat(report).contains("4,Campaign Name,Autumn Gala " + t + ",no campaign with this id or name")
                .contains("5,Email,broken-at-example.com,not a valid email address")
                .contains("6,Status,Maybe,\"unknown member status (use one of [targeted, sent,");

        assertThat(campaigns.membershipsOf(known)).singleElement().satisfies(m -> {
            assertThat(m.campaignId()).isEqualTo(webinar.id());
            assertThat(m.status()).isEqualTo(MemberStatus.ATTENDED);
            assertThat(m.firstRespondedAt()).isNotNull();
        });
        long created = contacts.findByEmail("new." + t + "@example.com").orElseThrow().id();
        assertThat(campaigns.membershipsOf(created)).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MemberStatus.NO_SHOW));
        assertThat(contacts.findByEmail("lost." + t + "@example.com")).isEmpty();
        assertThat(importedActivities(before)).hasSize(3).allSatisfy(a -> {
            assertThat(a.campaignId()).isEqualTo(webinar.id());
            assertThat(a.contactId()).isNotNull();
        });

        long again = log.lastId();
        ImportJob rerun = run(upload(ImportTarget.CAMPAIGN_MEMBERS, csv), MatchKey.EMAIL, Policy.UPSERT, "again");
        assertThat(rerun.created()).isZero();
        assertThat(rerun.updated()).isZero();
        assertThat(rerun.skipped()).isEqualTo(3);
        assertThat(importedActivities(again)).isEmpty();
        assertThat(campaigns.members(webinar.id(), 0, 100)).hasSize(3);

        // update only: an unknown contact is not created
        String more = "Campaign,Email,Status\n%s,ghost.%s@example.com,Sent\n".formatted(webinar.name(), t);
        ImportJob strict = run(upload(ImportTarget.CAMPAIGN_MEMBERS, more), MatchKey.EMAIL, Policy.UPDATE_ONLY, null);
        assertThat(strict.errors()).isEqualTo(1);
        assertThat(errors(strict.id())).contains("1,Email,ghost." + t
                + "@example.com,no contact with this email exists; policy is update only");
        assertThat(contacts.findByEmail("ghost." + t + "@example.com")).isEmpty();
    }

    @Test
    void costEntriesParseAmountsAndDatesAndAreNotDuplicatedOnReRun() {
        String t = tag();
        Campaign fair = campaign("Trade Fair " + t, "EUR");
        Campaign ads = campaign("Search Ads " + t, "EUR");
        String csv = """
                Campaign;Date;Month;Amount;Currency;Vendor;Description
                Trade Fair %1$s;2026-03-14;;12.345,67;;Messe GmbH;booth
                %2$s;3/31/2026;;"$1,200";USD;;catering
                Search Ads %1$s;;2026-04;1500;EUR;Google;April spend
                Search Ads %1$s;31/13/2026;;10;EUR;;bad date
                Search Ads %1$s;;;10;EUR;;no date
                Trade Fair %1$s;2026-03-15;;ten;;;bad amount
                Search Ads %1$s;2026-03-15;;10;XYZ;;unknown currency
                Nowhere %1$s;2026-03-15;;10;EUR;;unknown campaign
                """.formatted(t, Ids.format(fair.id()));
        ImportJob job = upload(ImportTarget.COST_ENTRIES, csv);
        assertThat(job.delimiter()).isEqualTo("semicolon");
        assertThat(job.mapping().matchKey()).isEqualTo(MatchKey.NATURAL_KEY);
        assertThat(job.mapping().columns()).containsEntry("Campaign", "campaign").containsEntry("Date", "date")
                .containsEntry("Month", "month").containsEntry("Amount", "amount").containsEntry("Vendor", "vendor");
        long before = log.lastId();
        ImportJob done = run(job, MatchKey.NATURAL_KEY, Policy.UPSERT, "finance " + t);
        assertThat(done.created()).isEqualTo(3);
        assertThat(done.errors()).isEqualTo(5);
        String report = errors(job.id());
        assertThat(report).contains("4,Date,31/13/2026,\"not a date; use 2026-03-31 (ISO), 3/31/2026 (US) or "
                        + "31.03.2026 (EU)\"")
                .contains("5,Date,,a date or a month is required")
                .contains("6,Amount,ten,\"not an amount such as 12,345.67 or 12345\"")
                .contains("7,Currency,XYZ,not an ISO 4217 currency code such as EUR")
                .contains("8,Campaign,Nowhere " + t + ",no campaign with this id or name");

        List<CostEntry> fairCosts = campaigns.costs(fair.id(), null, null, null, 100);
        assertThat(fairCosts).extracting(CostEntry::amount).containsExactlyInAnyOrder(1_234_567L, 120_000L);
        assertThat(fairCosts).extracting(CostEntry::currency).containsExactlyInAnyOrder("EUR", "USD");
        assertThat(fairCosts).filteredOn(c -> c.amount() == 1_234_567L).singleElement().satisfies(c -> {
            assertThat(c.periodStart()).isEqualTo(LocalDate.of(2026, 3, 14));
            assertThat(c.periodEnd()).isEqualTo(LocalDate.of(2026, 3, 14));
            assertThat(c.note()).isEqualTo("Messe GmbH: booth");
        });
        assertThat(campaigns.costs(ads.id(), null, null, null, 100)).singleElement().satisfies(c -> {
            assertThat(c.periodStart()).isEqualTo(LocalDate.of(2026, 4, 1));
            assertThat(c.periodEnd()).isEqualTo(LocalDate.of(2026, 4, 30));
            assertThat(c.amount()).isEqualTo(150_000L);
        });
        assertThat(importedActivities(before)).hasSize(3).extracting(Activity::campaignId)
                .containsOnly(fair.id(), ads.id());

        long again = log.lastId();
        ImportJob rerun = run(upload(ImportTarget.COST_ENTRIES, csv), MatchKey.NATURAL_KEY, Policy.UPSERT, "again");
        assertThat(rerun.created()).isZero();
        assertThat(rerun.skipped()).isEqualTo(3);
        assertThat(importedActivities(again)).isEmpty();
        assertThat(campaigns.costs(fair.id(), null, null, null, 100)).hasSize(2);
    }
}
