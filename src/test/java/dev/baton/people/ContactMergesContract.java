package dev.baton.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.capture.IdentityResolver;
import dev.baton.governance.ConsentLedger;
import dev.baton.governance.ConsentRecord;
import dev.baton.governance.ConsentStatus;
import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignMember;
import dev.baton.management.MemberStatus;
import dev.baton.measurement.EngagementRollups;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ActivityLog.SubjectKind;
import dev.baton.platform.AuditLog;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.ProcessorRuntime;
import dev.baton.platform.SortOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Merging two contacts into one (decision 0010), written once and run on each engine. */
@SpringBootTest
@ActiveProfiles("test")
abstract class ContactMergesContract {

    @Autowired
    ContactDirectory contacts;
    @Autowired
    ContactMerges merges;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    CampaignManagement campaigns;
    @Autowired
    Pipeline pipeline;
    @Autowired
    ConsentLedger consent;
    @Autowired
    ActivityLog log;
    @Autowired
    ProcessorRuntime runtime;
    @Autowired
    EngagementRollups rollups;
    @Autowired
    AuditLog audit;
    @Autowired
    IdentityResolver resolver;

    private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);

    private void activities(long contactId, int n, int offsetHours) {
        List<NewActivity> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new NewActivity(DAY.plus(offsetHours + i, ChronoUnit.HOURS), "page_view", contactId, null, null,
                    null, null, null));
        }
        log.append(list);
    }

    private List<Long> timeline(long contactId) {
        return log.timeline(SubjectKind.CONTACT, contactId, null, 1000).stream().map(Activity::id).toList();
    }

    private void drain() {
        runtime.drain(ActivityLog.INDEX_PROCESSOR);
        runtime.drain(EngagementRollups.PROCESSOR);
    }

    @Test
    void mergeKeepsEveryActivityAndEverythingOtherModulesHold() {
        Account acme = accounts.create(new AccountDraft(DirectoryContract.unique("Merge"), null, null, null, null,
                null, null, null));
        Contact survivor = contacts.create(new ContactDraft(DirectoryContract.unique("keep") + "@example.com", "Ada",
                null, null, null, null, null, null, null, null, null, null, null));
        Contact merged = contacts.create(DirectoryContract.contact(DirectoryContract.unique("gone") + "@example.com",
                "Augusta", "King", acme.id()));
        contacts.link(List.of(new ContactDirectory.IdentityLink(merged.id(), IdentityKind.ANONYMOUS_ID,
                DirectoryContract.unique("anon"))));
        activities(survivor.id(), 3, 0);
        activities(merged.id(), 4, 10);
        drain();
        assertThat(timeline(survivor.id())).hasSize(3);
        assertThat(rollups.forContact(merged.id()).orElseThrow().total()).isEqualTo(4);

        var both = campaigns.create(DirectoryContract.campaignDraft(DirectoryContract.unique("Both"), null));
        var only = campaigns.create(DirectoryContract.campaignDraft(DirectoryContract.unique("Only"), null));
        campaigns.upsertMember(both.id(), survivor.id(), MemberStatus.SENT, DAY.minusSeconds(3600));
        campaigns.upsertMember(both.id(), merged.id(), MemberStatus.ATTENDED, DAY);
        campaigns.upsertMember(only.id(), merged.id(), MemberStatus.REGISTERED, DAY);
        var opp = pipeline.create(DirectoryContract.opportunity(acme.id(), null, OpportunityStage.DISCOVERY),
                List.of(new ContactRole(survivor.id(), ContactRole.Role.INFLUENCER, false),
                        new ContactRole(merged.id(), ContactRole.Role.CHAMPION, true)));
        consent.record(new ConsentRecord(0, merged.id(), "email", "newsletter", ConsentStatus.GRANTED, "consent",
                "form", "Send me news", "v1", null, null, DAY));
        int identitiesBefore = contacts.identities(survivor.id()).size() + contacts.identities(merged.id()).size();

        ContactMerges.MergeResult r = merges.merge(survivor.id(), merged.id(), "same person", "admin@example.com");

        // identities moved, empty fields filled, survivor's own fields kept, account link filled
        assertThat(contacts.identities(survivor.id())).hasSize(identitiesBefore);
        assertThat(r.identities()).hasSize(2);
        assertThat(contacts.resolve(IdentityKind.EMAIL, merged.email())).contains(survivor.id());
        Contact after = contacts.find(survivor.id()).orElseThrow();
        assertThat(after.firstName()).isEqualTo("Ada");
        assertThat(after.lastName()).isEqualTo("King");
        assertThat(after.accountId()).isEqualTo(acme.id());
        assertThat(after.email()).isEqualTo(survivor.email());
        assertThat(r.fieldsFilled()).contains("last_name", "account_id").doesNotContain("first_name", "email");

        // the tombstone is hidden but resolves to the survivor
        assertThat(contacts.find(merged.id())).isEmpty();
        assertThat(merges.survivorOf(merged.id())).contains(survivor.id());
        assertThat(merges.survivorOf(survivor.id())).isEmpty();
        assertThat(contacts.search(new ContactQuery("King", null, null, null, null, null,
                SortOrder.cursor(null, 100)))).extracting(Contact::id).containsExactly(survivor.id());
        assertThat(contacts.forAccount(acme.id(), 10)).extracting(Contact::id).containsExactly(survivor.id());

        // memberships collapse: one row per campaign; the survivor took the merged contact's response
        List<CampaignMember> memberships = campaigns.membershipsOf(survivor.id());
        assertThat(memberships).extracting(CampaignMember::campaignId).containsExactlyInAnyOrder(both.id(), only.id());
        CampaignMember inBoth = memberships.stream().filter(m -> m.campaignId() == both.id()).findFirst().orElseThrow();
        assertThat(inBoth.status()).isEqualTo(MemberStatus.ATTENDED);
        assertThat(inBoth.firstRespondedAt()).isEqualTo(DAY);
        assertThat(campaigns.membershipsOf(merged.id())).isEmpty();
        // roles: the survivor's role stays, primary because the merged contact's was
        assertThat(pipeline.contactRoles(opp.id())).containsExactly(
                new ContactRole(survivor.id(), ContactRole.Role.INFLUENCER, true));
        assertThat(consent.history(survivor.id())).hasSize(1);
        assertThat(consent.history(merged.id())).isEmpty();

        // the timeline shows both contacts' activities plus the merge, and engagement counts them all
        drain();
        List<Long> timeline = timeline(survivor.id());
        assertThat(timeline).hasSize(3 + 4 + 1).contains(r.activityId());
        assertThat(rollups.forContact(survivor.id()).orElseThrow().total()).isEqualTo(8);
        assertThat(rollups.forContact(merged.id())).isEmpty();
        Activity mergeActivity = log.find(r.activityId()).orElseThrow();
        assertThat(mergeActivity.type()).isEqualTo(ContactMerges.CONTACT_MERGED);
        assertThat(mergeActivity.contactId()).isEqualTo(survivor.id());
        assertThat(mergeActivity.props()).contains(Ids.format(merged.id()), "same person", "ANONYMOUS_ID");
        assertThat(audit.recent(50)).anyMatch(e -> e.action().equals("contact.merged")
                && e.targetId().equals(Ids.format(survivor.id())) && e.detail().contains(Ids.format(merged.id())));

        // processors rebuilt from the log give the same timeline and counts
        runtime.rebuild(ActivityLog.INDEX_PROCESSOR);
        runtime.rebuild(EngagementRollups.PROCESSOR);
        drain();
        assertThat(timeline(survivor.id())).containsExactlyElementsOf(timeline);
        assertThat(timeline(merged.id())).isEmpty();
        assertThat(rollups.forContact(survivor.id()).orElseThrow().total()).isEqualTo(8);
        assertThat(rollups.forContact(merged.id())).isEmpty();

        // an activity still logged under the tombstone's id (a printed QR code, a late event) lands on the survivor
        activities(merged.id(), 1, 30);
        drain();
        assertThat(timeline(survivor.id())).hasSize(9);
    }

    @Test
    void chainsResolveToTheLastSurvivor() {
        Contact a = contacts.create(new ContactDraft(null, "A", null, null, null, null, null, null, null, null, null,
                null, null));
        Contact b = contacts.create(new ContactDraft(null, "B", null, null, null, null, null, null, null, null, null,
                null, null));
        Contact c = contacts.create(new ContactDraft(null, "C", null, null, null, null, null, null, null, null, null,
                null, null));
        activities(a.id(), 2, 0);
        merges.merge(b.id(), a.id(), "test", null);
        merges.merge(c.id(), b.id(), "test", null);
        assertThat(merges.survivorOf(a.id())).contains(c.id());
        runtime.rebuild(ActivityLog.INDEX_PROCESSOR);
        drain();
        // a's two activities and the two merge activities
        assertThat(timeline(c.id())).hasSize(4);
    }

    @Test
    void badMergesAreRefusedAndWriteNothing() {
        Contact a = contacts.create(new ContactDraft(null, "A", null, null, null, null, null, null, null, null, null,
                null, null));
        Contact b = contacts.create(new ContactDraft(null, "B", null, null, null, null, null, null, null, null, null,
                null, null));
        assertThatThrownBy(() -> merges.merge(a.id(), a.id(), "x", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> merges.merge(a.id(), Ids.next(), "x", null)).isInstanceOf(NotFoundException.class);
        assertThat(contacts.find(a.id())).isPresent();
        merges.merge(a.id(), b.id(), "x", null);
        assertThatThrownBy(() -> merges.merge(a.id(), b.id(), "x", null)).isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).field()).isEqualTo("mergeId");
        assertThatThrownBy(() -> merges.merge(b.id(), a.id(), "x", null)).isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).field()).isEqualTo("id");
    }

    @Test
    void anIdentifyNamingTwoContactsMergesThemAndTheOlderSurvives() {
        String user = DirectoryContract.unique("user");
        String anon = DirectoryContract.unique("anon");
        Contact known = contacts.create(new ContactDraft(user + "@example.com", "Grace", null, null, null, null, null,
                null, null, null, null, null, null));
        long visitor = resolver.resolve(List.of(new IdentityResolver.Claim(null, anon, null, null, null, null,
                Instant.now(), "test"))).get(0).contactId();
        activities(visitor, 2, 0);

        var r = resolver.resolve(List.of(new IdentityResolver.Claim(null, anon, null, user + "@example.com", null,
                null, Instant.now(), "test")));

        assertThat(r.get(0).contactId()).isEqualTo(known.id());
        assertThat(contacts.resolve(IdentityKind.ANONYMOUS_ID, anon)).contains(known.id());
        assertThat(merges.survivorOf(visitor)).contains(known.id());
        drain();
        List<Activity> merged = log.timeline(SubjectKind.CONTACT, known.id(), null, 100).stream()
                .filter(a -> a.type().equals(ContactMerges.CONTACT_MERGED)).toList();
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0).props()).contains("identify: same anonymous id", Ids.format(visitor));
        assertThat(timeline(known.id())).hasSize(3);
    }
}
