package dev.baton.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.governance.ConsentLedger;
import dev.baton.governance.ConsentRecord;
import dev.baton.governance.ConsentStatus;
import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.OpportunityDraft;
import dev.baton.lifecycle.OpportunityQuery;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
import dev.baton.lifecycle.StageTotal;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.management.CostEntryDraft;
import dev.baton.management.MemberStatus;
import dev.baton.platform.Channel;
import dev.baton.platform.ConflictException;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The people, campaign and pipeline repositories, written once and run on each engine. */
@SpringBootTest
@ActiveProfiles("test")
abstract class DirectoryContract {

    @Autowired
    ContactDirectory contacts;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    CampaignManagement campaigns;
    @Autowired
    Pipeline pipeline;
    @Autowired
    ConsentLedger consent;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ContactDraft contact(String email, String first, String last, Long accountId) {
        return new ContactDraft(email, first, last, "VP Marketing", "+14155550100", "Acme", "US", "Austin", accountId,
                null, null, "web", "America/Chicago");
    }

    Account account(String name) {
        return accounts.create(new AccountDraft(name, name.toLowerCase().replace(" ", "") + ".example", "Software",
                250, 40_000_000L, "NA", "US", null));
    }

    @Test
    void createFindUpdateAndSearchContacts() {
        Account acme = account(unique("Acme"));
        Contact ada = contacts.create(contact("  Ada.Lovelace@Example.COM ", "Ada", "Lovelace", acme.id()));

        assertThat(ada.email()).isEqualTo("ada.lovelace@example.com");
        assertThat(ada.lifecycleStage()).isEqualTo(LifecycleStage.LEAD);
        assertThat(contacts.findByEmail("ADA.LOVELACE@example.com")).contains(ada);
        assertThat(contacts.resolve(IdentityKind.EMAIL, "Ada.Lovelace@example.com")).contains(ada.id());

        Contact moved = contacts.update(ada.id(), new ContactDraft("ada@analytical.example", "Ada", "King", "CTO", null,
                "Analytical", "GB", "London", acme.id(), null, LifecycleStage.MQL, "event", "Europe/London"));
        assertThat(moved.lastName()).isEqualTo("King");
        assertThat(moved.lifecycleStage()).isEqualTo(LifecycleStage.MQL);
        // the email identity follows the email
        assertThat(contacts.resolve(IdentityKind.EMAIL, "ada.lovelace@example.com")).isEmpty();
        assertThat(contacts.resolve(IdentityKind.EMAIL, "ada@analytical.example")).contains(ada.id());

        List<Contact> found = contacts.search(new ContactQuery("ANALYTICAL", acme.id(), null, null, null, null,
                new SortOrder<>(ContactQuery.Sort.NAME, false, 0, null, 10)));
        assertThat(found).extracting(Contact::id).containsExactly(ada.id());
        assertThat(contacts.count(new ContactQuery(null, acme.id(), LifecycleStage.MQL, null, null, null,
                SortOrder.cursor(null, 10)))).isEqualTo(1);
        assertThat(contacts.forAccount(acme.id(), 10)).extracting(Contact::id).containsExactly(ada.id());
    }

    @Test
    void searchTreatsLikeWildcardsLiterally() {
        String tag = unique("pct");
        contacts.create(contact(tag + "@example.com", "Hundred", "Percent", null));
        List<Contact> wildcard = contacts.search(new ContactQuery("%", null, null, null, null, null,
                SortOrder.cursor(null, 500)));
        assertThat(wildcard).noneMatch(c -> c.email() != null && c.email().startsWith(tag));
    }

    @Test
    void duplicateEmailIsAConflictNamingTheField() {
        String email = unique("dup") + "@example.com";
        contacts.create(contact(email, "A", "One", null));
        assertThatThrownBy(() -> contacts.create(contact(email.toUpperCase(), "B", "Two", null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("email"));
    }

    @Test
    void missingAccountReferenceNamesTheField() {
        assertThatThrownBy(() -> contacts.create(contact(unique("x") + "@example.com", "X", "Y", 42L)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("accountId"));
    }

    @Test
    void cursorPagingVisitsEveryContactOnce() {
        String tag = unique("page");
        List<ContactDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            drafts.add(contact(tag + i + "@example.com", "P" + i, tag, null));
        }
        List<Long> ids = contacts.createAll(drafts);
        List<Long> seen = new ArrayList<>();
        Long after = null;
        while (true) {
            List<Contact> page = contacts.search(new ContactQuery(tag, null, null, null, null, null,
                    SortOrder.cursor(after, 5)));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(c -> seen.add(c.id()));
            after = page.get(page.size() - 1).id();
        }
        assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    void bulkUpsertMatchesByEmailThenExternalIdAndIsIdempotent() {
        String tag = unique("up");
        Contact existing = contacts.create(contact(tag + "-a@example.com", "Ann", "Old", null));
        List<ContactDirectory.ContactUpsert> rows = List.of(
                new ContactDirectory.ContactUpsert(null, new ContactDraft(tag + "-A@example.com", null, "New", null,
                        null, null, null, null, null, null, LifecycleStage.SQL, null, null)),
                new ContactDirectory.ContactUpsert("crm-" + tag, new ContactDraft(tag + "-b@example.com", "Bob", "B",
                        null, null, null, null, null, null, null, null, null, null)),
                new ContactDirectory.ContactUpsert("crm2-" + tag, new ContactDraft(null, "Cy", "C", null, null, null,
                        null, null, null, null, null, null, null)));

        List<ContactDirectory.UpsertResult> first = contacts.upsert(rows);
        assertThat(first).extracting(ContactDirectory.UpsertResult::created).containsExactly(false, true, true);
        assertThat(first.get(0).contactId()).isEqualTo(existing.id());
        Contact updated = contacts.find(existing.id()).orElseThrow();
        assertThat(updated.firstName()).isEqualTo("Ann"); // null leaves the field as it was
        assertThat(updated.lastName()).isEqualTo("New");
        assertThat(updated.lifecycleStage()).isEqualTo(LifecycleStage.SQL);

        List<ContactDirectory.UpsertResult> second = contacts.upsert(rows);
        assertThat(second).extracting(ContactDirectory.UpsertResult::created).containsExactly(false, false, false);
        assertThat(second).extracting(ContactDirectory.UpsertResult::contactId)
                .containsExactlyElementsOf(first.stream().map(ContactDirectory.UpsertResult::contactId).toList());
        assertThat(contacts.find(existing.id()).orElseThrow().updatedAt()).isEqualTo(updated.updatedAt());
        assertThat(contacts.resolve(IdentityKind.EXTERNAL_ID, "crm2-" + tag)).contains(first.get(2).contactId());
    }

    @Test
    void linkedIdentitiesResolveAndCannotBelongToTwoContacts() {
        Contact a = contacts.create(contact(unique("link") + "@example.com", "L", "A", null));
        Contact b = contacts.create(contact(unique("link") + "@example.com", "L", "B", null));
        String cookie = unique("anon");
        contacts.link(List.of(new ContactDirectory.IdentityLink(a.id(), IdentityKind.ANONYMOUS_ID, cookie),
                new ContactDirectory.IdentityLink(a.id(), IdentityKind.EXTERNAL_ID, "crm-" + cookie)));
        assertThat(contacts.resolve(IdentityKind.ANONYMOUS_ID, cookie)).contains(a.id());
        assertThat(contacts.identities(a.id())).extracting(Identity::kind)
                .containsExactlyInAnyOrder(IdentityKind.EMAIL, IdentityKind.ANONYMOUS_ID, IdentityKind.EXTERNAL_ID);

        assertThatThrownBy(() -> contacts.link(List.of(
                new ContactDirectory.IdentityLink(b.id(), IdentityKind.PHONE, "+15550001" + cookie.length()),
                new ContactDirectory.IdentityLink(b.id(), IdentityKind.ANONYMOUS_ID, cookie))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("identity"));
        // nothing of the failed batch was kept
        assertThat(contacts.identities(b.id())).extracting(Identity::kind).containsExactly(IdentityKind.EMAIL);
    }

    @Test
    void deletingAContactRemovesWhatOtherModulesHoldAboutIt() {
        Account acme = account(unique("Del"));
        Contact c = contacts.create(contact(unique("del") + "@example.com", "D", "E", acme.id()));
        var campaign = campaigns.create(campaignDraft(unique("Webinar"), null));
        campaigns.upsertMember(campaign.id(), c.id(), MemberStatus.REGISTERED, Instant.now());
        var opp = pipeline.create(opportunity(acme.id(), campaign.id(), OpportunityStage.DISCOVERY),
                List.of(new ContactRole(c.id(), ContactRole.Role.CHAMPION, true)));
        consent.record(new ConsentRecord(0, c.id(), "email", "newsletter", ConsentStatus.GRANTED, "consent", "form",
                "Send me news", "v1", null, null, Instant.now()));

        contacts.delete(c.id());

        assertThat(contacts.find(c.id())).isEmpty();
        assertThat(contacts.identities(c.id())).isEmpty();
        assertThat(campaigns.membershipsOf(c.id())).isEmpty();
        assertThat(pipeline.contactRoles(opp.id())).isEmpty();
        assertThat(consent.history(c.id())).isEmpty();
        assertThatThrownBy(() -> contacts.delete(c.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void accountWithOpportunitiesCannotBeDeletedButDetachesContactsOtherwise() {
        Account busy = account(unique("Busy"));
        pipeline.create(opportunity(busy.id(), null, OpportunityStage.PROPOSAL), List.of());
        assertThatThrownBy(() -> accounts.delete(busy.id())).isInstanceOf(ConflictException.class);
        assertThat(accounts.find(busy.id())).isPresent();

        Account idle = account(unique("Idle"));
        Contact c = contacts.create(contact(unique("idle") + "@example.com", "I", "D", idle.id()));
        accounts.delete(idle.id());
        assertThat(accounts.find(idle.id())).isEmpty();
        assertThat(contacts.find(c.id()).orElseThrow().accountId()).isNull();
    }

    @Test
    void campaignsTrackBudgetSpendAndResponses() {
        var program = campaigns.create(campaignDraft(unique("FY Program"), null));
        var webinar = campaigns.create(campaignDraft(unique("Webinar"), program.id()));
        assertThat(campaigns.children(program.id())).extracting(c -> c.id()).containsExactly(webinar.id());

        campaigns.createCost(new CostEntryDraft(webinar.id(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31),
                120_000, "USD", "January"));
        campaigns.createCost(new CostEntryDraft(webinar.id(), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28),
                80_000, "USD", null));
        Contact a = contacts.create(contact(unique("m") + "@example.com", "M", "A", null));
        Contact b = contacts.create(contact(unique("m") + "@example.com", "M", "B", null));
        Instant t1 = Instant.parse("2026-01-10T10:00:00Z");
        campaigns.upsertMember(webinar.id(), a.id(), MemberStatus.SENT, t1);
        campaigns.upsertMember(webinar.id(), b.id(), MemberStatus.REGISTERED, t1);
        campaigns.upsertMember(webinar.id(), b.id(), MemberStatus.ATTENDED, t1.plusSeconds(3600));

        var summary = campaigns.summary(webinar.id());
        assertThat(summary.plannedBudget()).isEqualTo(500_000);
        assertThat(summary.actualSpend()).isEqualTo(200_000);
        assertThat(summary.members()).isEqualTo(2);
        assertThat(summary.responded()).isEqualTo(1);
        var member = campaigns.members(webinar.id(), 0, 10).stream().filter(m -> m.contactId() == b.id())
                .findFirst().orElseThrow();
        assertThat(member.status()).isEqualTo(MemberStatus.ATTENDED);
        assertThat(member.firstRespondedAt()).isEqualTo(t1); // the first response is kept

        assertThat(campaigns.costs(webinar.id(), LocalDate.of(2026, 2, 10), null, null, 10)).hasSize(1);
        assertThatThrownBy(() -> campaigns.update(program.id(), campaignDraft(program.name(), webinar.id())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("parentId"));
        assertThatThrownBy(() -> campaigns.create(campaignDraft(program.name(), null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> campaigns.delete(program.id())).isInstanceOf(ConflictException.class);
        campaigns.delete(webinar.id());
        assertThat(campaigns.find(webinar.id())).isEmpty();
    }

    @Test
    void pipelineTotalsByStageAndRoles() {
        Account acme = account(unique("Pipe"));
        var campaign = campaigns.create(campaignDraft(unique("Paid"), null));
        Contact champion = contacts.create(contact(unique("c") + "@example.com", "C", "H", acme.id()));
        pipeline.create(opportunity(acme.id(), campaign.id(), OpportunityStage.CLOSED_WON),
                List.of(new ContactRole(champion.id(), ContactRole.Role.CHAMPION, true)));
        pipeline.create(opportunity(acme.id(), campaign.id(), OpportunityStage.CLOSED_WON), List.of());
        pipeline.create(opportunity(acme.id(), campaign.id(), OpportunityStage.PROPOSAL), List.of());

        List<StageTotal> totals = pipeline.stageTotals(campaign.id());
        assertThat(totals).containsExactly(new StageTotal(OpportunityStage.PROPOSAL, "USD", 1, 2_500_000),
                new StageTotal(OpportunityStage.CLOSED_WON, "USD", 2, 5_000_000));
        assertThat(pipeline.search(new OpportunityQuery(null, null, null, champion.id(), null, null,
                SortOrder.cursor(null, 10)))).hasSize(1);
        assertThatThrownBy(() -> pipeline.create(opportunity(acme.id(), null, OpportunityStage.PROPOSAL),
                List.of(new ContactRole(champion.id(), ContactRole.Role.CHAMPION, true),
                        new ContactRole(champion.id(), ContactRole.Role.END_USER, false))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> pipeline.create(opportunity(77L, null, OpportunityStage.PROPOSAL), List.of()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("accountId"));
    }

    static CampaignDraft campaignDraft(String name, Long parentId) {
        return new CampaignDraft(name, CampaignType.WEBINAR, Channel.WEBINAR, CampaignStatus.ACTIVE,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), parentId, 500_000L, "USD", null);
    }

    static OpportunityDraft opportunity(long accountId, Long campaignId, OpportunityStage stage) {
        return new OpportunityDraft("Deal " + UUID.randomUUID().toString().substring(0, 6), accountId, campaignId, null,
                stage, 2_500_000, "USD", LocalDate.of(2026, 6, 30));
    }
}
