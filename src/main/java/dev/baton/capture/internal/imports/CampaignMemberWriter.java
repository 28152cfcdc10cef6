package dev.baton.capture.internal.imports;

import com.sanctionco.jmail.JMail;
import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportMapping.MatchKey;
import dev.baton.capture.ImportMapping.Policy;
import dev.baton.capture.ImportTarget;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignMember;
import dev.baton.management.MemberStatus;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDirectory.ContactUpsert;
import dev.baton.people.ContactDraft;
import dev.baton.people.IdentityKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Campaign member imports: a campaign (id or exact name), a contact (by email or external id) and a member
 * status. A membership is matched by campaign and contact. Unknown contacts are created unless the policy is
 * update only; a member whose status is unchanged is not written again.
 */
@Component
class CampaignMemberWriter implements KindWriter {

    static final Catalogue CATALOGUE = new Catalogue(ImportTarget.CAMPAIGN_MEMBERS)
            .field("campaign", 200, "campaign", "campaign id", "campaign name", "program", "program name")
            .field("email", 254, "email", "e-mail", "email address", "work email")
            .field("externalId", 200, "contact id", "lead id", "external id", "record id", "crm id")
            .field("status", 40, "status", "member status", "campaign member status", "program status")
            .field("firstName", 100, "first name", "firstname")
            .field("lastName", 100, "last name", "lastname", "surname")
            .field("company", 200, "company", "company name", "account name")
            .required("campaign")
            .key(MatchKey.EMAIL, "email")
            .key(MatchKey.EXTERNAL_ID, "externalId")
            .preset("salesforce campaign members", "Campaign ID", "campaign", "Campaign Name", "campaign",
                    "Contact ID", "externalId", "Lead ID", "externalId", "Email", "email", "Status", "status",
                    "First Name", "firstName", "Last Name", "lastName", "Company", "company");

    private final CampaignManagement campaigns;
    private final ContactDirectory contacts;
    private final Clock clock;

    CampaignMemberWriter(CampaignManagement campaigns, ContactDirectory contacts, Clock clock) {
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public Catalogue catalogue() {
        return CATALOGUE;
    }

    record Row(String campaign, String email, String externalId, MemberStatus status, ContactDraft contact) {
    }

    @Override
    public Object parse(Map<String, String> v, Columns columns, ContactFields.Problems problems) {
        boolean ok = true;
        String email = v.get("email");
        if (email != null && !JMail.isValid(email)) {
            problems.add(columns.of("email"), email, "not a valid email address");
            ok = false;
        }
        MemberStatus status = null;
        if (v.containsKey("status")) {
            status = status(v.get("status"));
            if (status == null) {
                problems.add(columns.of("status"), v.get("status"), "unknown member status (use one of "
                        + Arrays.stream(MemberStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()
                        + ")");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        String lower = email == null ? null : email.toLowerCase(Locale.ROOT);
        return new Row(v.get("campaign"), lower, v.get("externalId"), status, new ContactDraft(lower,
                v.get("firstName"), v.get("lastName"), null, null, v.get("company"), null, null, null, null, null,
                null, null));
    }

    /** Codes and export spellings: "No Show", "no-show", "Responded". */
    static MemberStatus status(String text) {
        String n = Catalogue.normalize(text);
        for (MemberStatus s : MemberStatus.values()) {
            if (Catalogue.normalize(s.name()).equals(n)) {
                return s;
            }
        }
        return switch (n) {
            case "attendednoshow", "didnotattend" -> MemberStatus.NO_SHOW;
            case "invited", "planned" -> MemberStatus.TARGETED;
            default -> null;
        };
    }

    @Override
    public Outcome write(Object parsed, ImportMapping mapping, Columns columns, ContactFields.Problems problems) {
        Row row = (Row) parsed;
        Optional<Campaign> campaign = KindWriter.campaign(campaigns, row.campaign());
        if (campaign.isEmpty()) {
            problems.add(columns.of("campaign"), row.campaign(), "no campaign with this id or name");
            return null;
        }
        long campaignId = campaign.get().id();
        boolean byEmail = mapping.matchKey() == MatchKey.EMAIL;
        String key = byEmail ? row.email() : row.externalId();
        String keyColumn = columns.of(byEmail ? "email" : "externalId");
        Long contactId = contacts.resolveAll(byEmail ? IdentityKind.EMAIL : IdentityKind.EXTERNAL_ID, List.of(key))
                .get(key);
        Optional<CampaignMember> member = contactId == null ? Optional.empty()
                : campaigns.membershipsOf(contactId).stream().filter(m -> m.campaignId() == campaignId).findFirst();
        switch (Decision.of(member.isPresent(), mapping.policy())) {
            case SKIP -> {
                return Outcome.of(Result.SKIPPED);
            }
            case REFUSE -> {
                problems.add(keyColumn, key, member.isPresent()
                        ? "the contact is already a member of this campaign; policy is create only"
                        : contactId == null ? "no contact with this " + mapping.matchKey().code()
                                + " exists; policy is update only"
                        : "the contact is not a member of this campaign; policy is update only");
                return null;
            }
            default -> {
                // written below
            }
        }
        if (contactId == null) {
            if (mapping.policy() == Policy.UPDATE_ONLY) {
                problems.add(keyColumn, key, "no contact with this " + mapping.matchKey().code()
                        + " exists; policy is update only");
                return null;
            }
            contactId = contacts.upsert(List.of(new ContactUpsert(row.externalId(), row.contact()))).get(0)
                    .contactId();
        }
        MemberStatus status = row.status() != null ? row.status()
                : member.map(CampaignMember::status).orElse(MemberStatus.TARGETED);
        if (member.isPresent() && member.get().status() == status) {
            return Outcome.of(Result.UNCHANGED);
        }
        Instant now = clock.instant();
        campaigns.upsertMembers(List.of(new CampaignMember(campaignId, contactId, status,
                status.responded() ? now : null, now, now)));
        return new Outcome(member.isPresent() ? Result.UPDATED : Result.CREATED, contactId, null, campaignId);
    }
}
