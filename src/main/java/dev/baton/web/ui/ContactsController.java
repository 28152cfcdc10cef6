package dev.baton.web.ui;

import dev.baton.governance.ConsentLedger;
import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.Opportunity;
import dev.baton.lifecycle.OpportunityQuery;
import dev.baton.lifecycle.Pipeline;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignMember;
import dev.baton.measurement.EngagementRollups;
import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactQuery;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.ActivityLog.SubjectKind;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import dev.baton.platform.UserDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Contact list with live search, filters, sort and paging; the contact profile with its timeline. */
@Controller
class ContactsController extends UiController {

    private final ContactDirectory contacts;
    private final AccountDirectory accounts;
    private final UserDirectory users;
    private final EngagementRollups rollups;
    private final CampaignManagement campaigns;
    private final Pipeline pipeline;
    private final ConsentLedger consent;
    private final TimelineView timeline;
    private final dev.baton.people.ContactMerges merges;

    ContactsController(ContactDirectory contacts, AccountDirectory accounts, UserDirectory users,
            EngagementRollups rollups, CampaignManagement campaigns, Pipeline pipeline, ConsentLedger consent,
            TimelineView timeline, dev.baton.people.ContactMerges merges) {
        this.merges = merges;
        this.contacts = contacts;
        this.accounts = accounts;
        this.users = users;
        this.rollups = rollups;
        this.campaigns = campaigns;
        this.pipeline = pipeline;
        this.consent = consent;
        this.timeline = timeline;
    }

    @GetMapping("/contacts")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String country, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, @RequestParam(defaultValue = "1") int page,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @RequestHeader(value = "HX-History-Restore-Request", required = false) String restore, Model model) {
        String text = trim(q);
        LifecycleStage stageFilter = ListState.parse(LifecycleStage.class, stage);
        String countryFilter = trim(country);
        ListState<ContactQuery.Sort> state = ListState.of("/contacts", ContactQuery.Sort.class, sort, dir, page,
                ContactQuery.Sort.UPDATED, true)
                .filter("q", text).filter("stage", stageFilter).filter("country", countryFilter);
        state.total(contacts.count(new ContactQuery(text, null, stageFilter, countryFilter, null, null,
                state.order())));
        List<Contact> rows = contacts.search(new ContactQuery(text, null, stageFilter, countryFilter, null, null,
                state.order()));

        model.addAttribute("state", state);
        model.addAttribute("contacts", rows);
        model.addAttribute("q", text);
        model.addAttribute("stage", stageFilter);
        model.addAttribute("country", countryFilter);
        model.addAttribute("stages", LifecycleStage.values());
        model.addAttribute("lastActivity",
                rollups.lastActivityOfContacts(rows.stream().map(Contact::id).toList()));
        model.addAttribute("accountNames", accountNames(rows.stream().map(Contact::accountId).toList()));
        if (htmx != null && restore == null) {
            return "contacts/list :: results";
        }
        return "contacts/list";
    }

    @GetMapping("/contacts/{id}")
    String show(@PathVariable String id, @RequestParam(required = false) String before, Model model,
            org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
        long contactId = UiIds.parse("contact", id);
        var found = contacts.find(contactId);
        if (found.isEmpty()) {
            // a merged contact's page is its survivor's (decision 0010)
            long survivor = merges.survivorOf(contactId).orElseThrow(() -> new NotFoundException("contact", id));
            flash.addFlashAttribute("notice", "Contact " + id + " was merged into this contact.");
            return "redirect:/contacts/" + dev.baton.platform.Ids.format(survivor);
        }
        Contact contact = found.get();
        model.addAttribute("contact", contact);
        model.addAttribute("identities", contacts.identities(contactId));
        model.addAttribute("account", contact.accountId() == null ? null
                : accounts.find(contact.accountId()).orElse(null));
        model.addAttribute("owner", contact.ownerId() == null ? null
                : users.find(contact.ownerId()).orElse(null));
        model.addAttribute("engagement", rollups.forContact(contactId).orElse(null));

        List<Membership> memberships = new ArrayList<>();
        for (CampaignMember m : campaigns.membershipsOf(contactId)) {
            memberships.add(new Membership(m, campaigns.find(m.campaignId()).orElse(null)));
        }
        model.addAttribute("memberships", memberships);

        List<Opportunity> opps = pipeline.search(new OpportunityQuery(null, null, null, contactId, null, null,
                new SortOrder<>(OpportunityQuery.Sort.CREATED, true, 0, null, 50)));
        List<OpportunityRole> roles = new ArrayList<>();
        for (Opportunity o : opps) {
            ContactRole role = pipeline.contactRoles(o.id()).stream().filter(r -> r.contactId() == contactId)
                    .findFirst().orElse(null);
            roles.add(new OpportunityRole(o, role, accounts.find(o.accountId()).map(Account::name).orElse(null)));
        }
        model.addAttribute("opportunities", roles);
        model.addAttribute("consents", consent.history(contactId));
        timeline.page(model, SubjectKind.CONTACT, contactId, "/contacts/" + id, before);
        return "contacts/show";
    }

    @GetMapping("/contacts/{id}/timeline")
    String timeline(@PathVariable String id, @RequestParam(required = false) String before, Model model) {
        long contactId = UiIds.parse("contact", id);
        contacts.find(contactId).orElseThrow(() -> new NotFoundException("contact", id));
        timeline.page(model, SubjectKind.CONTACT, contactId, "/contacts/" + id, before);
        return "fragments/timeline :: entries";
    }

    private Map<Long, String> accountNames(List<Long> ids) {
        return ids.stream().filter(java.util.Objects::nonNull).distinct()
                .map(accounts::find).flatMap(Optional::stream)
                .collect(Collectors.toMap(Account::id, Account::name));
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.length() > 200) {
            t = t.substring(0, 200);
        }
        return t.isEmpty() ? null : t;
    }

    static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** A campaign membership with its campaign (null when the campaign is gone). */
    public record Membership(CampaignMember member, Campaign campaign) {
        public Instant respondedAt() {
            return member.firstRespondedAt();
        }
    }

    /** An opportunity the contact plays a role in. */
    public record OpportunityRole(Opportunity opportunity, ContactRole role, String accountName) {
    }
}
