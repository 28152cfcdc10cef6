package dev.baton.web.ui;

import dev.baton.lifecycle.Opportunity;
import dev.baton.lifecycle.OpportunityQuery;
import dev.baton.lifecycle.Pipeline;
import dev.baton.measurement.EngagementRollups;
import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.AccountQuery;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactQuery;
import dev.baton.platform.ActivityLog.SubjectKind;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import dev.baton.platform.UserDirectory;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Account list and the account page: people, opportunities, engagement and the account timeline. */
@Controller
class AccountsController extends UiController {

    static final int PEOPLE = 50;

    private final AccountDirectory accounts;
    private final ContactDirectory contacts;
    private final Pipeline pipeline;
    private final EngagementRollups rollups;
    private final UserDirectory users;
    private final TimelineView timeline;

    AccountsController(AccountDirectory accounts, ContactDirectory contacts, Pipeline pipeline,
            EngagementRollups rollups, UserDirectory users, TimelineView timeline) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.pipeline = pipeline;
        this.rollups = rollups;
        this.users = users;
        this.timeline = timeline;
    }

    @GetMapping("/accounts")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String industry,
            @RequestParam(required = false) String region, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, @RequestParam(defaultValue = "1") int page,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @RequestHeader(value = "HX-History-Restore-Request", required = false) String restore, Model model) {
        String text = ContactsController.trim(q);
        String industryFilter = ContactsController.trim(industry);
        String regionFilter = ContactsController.trim(region);
        ListState<AccountQuery.Sort> state = ListState.of("/accounts", AccountQuery.Sort.class, sort, dir, page,
                AccountQuery.Sort.NAME, false)
                .filter("q", text).filter("industry", industryFilter).filter("region", regionFilter);
        state.total(accounts.count(new AccountQuery(text, industryFilter, regionFilter, null, null, state.order())));
        List<Account> rows = accounts.search(
                new AccountQuery(text, industryFilter, regionFilter, null, null, state.order()));
        model.addAttribute("state", state);
        model.addAttribute("accounts", rows);
        model.addAttribute("q", text);
        model.addAttribute("industry", industryFilter);
        model.addAttribute("region", regionFilter);
        model.addAttribute("lastActivity", rollups.lastActivityOfAccounts(rows.stream().map(Account::id).toList()));
        if (htmx != null && restore == null) {
            return "accounts/list :: results";
        }
        return "accounts/list";
    }

    @GetMapping("/accounts/{id}")
    String show(@PathVariable String id, @RequestParam(required = false) String before, Model model) {
        long accountId = UiIds.parse("account", id);
        Account account = accounts.find(accountId).orElseThrow(() -> new NotFoundException("account", id));
        model.addAttribute("account", account);
        model.addAttribute("owner", account.ownerId() == null ? null : users.find(account.ownerId()).orElse(null));
        ContactQuery peopleQuery = new ContactQuery(null, accountId, null, null, null, null,
                new SortOrder<>(ContactQuery.Sort.NAME, false, 0, null, PEOPLE));
        List<Contact> people = contacts.search(peopleQuery);
        model.addAttribute("people", people);
        model.addAttribute("peopleCount", contacts.count(peopleQuery));
        model.addAttribute("peopleActivity", rollups.lastActivityOfContacts(people.stream().map(Contact::id).toList()));
        OpportunityQuery oppQuery = new OpportunityQuery(null, accountId, null, null, null, null,
                new SortOrder<>(OpportunityQuery.Sort.CLOSE_DATE, true, 0, null, 50));
        List<Opportunity> opps = pipeline.search(oppQuery);
        model.addAttribute("opportunities", opps);
        model.addAttribute("opportunityCount", pipeline.count(oppQuery));
        long open = 0;
        long won = 0;
        String currency = opps.isEmpty() ? "USD" : opps.get(0).currency();
        for (Opportunity o : opps) {
            if (!o.currency().equals(currency)) {
                continue;
            }
            if (o.stage().isWon()) {
                won += o.amount();
            } else if (!o.stage().isClosed()) {
                open += o.amount();
            }
        }
        model.addAttribute("openAmount", open);
        model.addAttribute("wonAmount", won);
        model.addAttribute("currency", currency);
        model.addAttribute("engagement", rollups.forAccount(accountId).orElse(null));
        timeline.page(model, SubjectKind.ACCOUNT, accountId, "/accounts/" + id, before);
        return "accounts/show";
    }

    @GetMapping("/accounts/{id}/timeline")
    String timeline(@PathVariable String id, @RequestParam(required = false) String before, Model model) {
        long accountId = UiIds.parse("account", id);
        accounts.find(accountId).orElseThrow(() -> new NotFoundException("account", id));
        timeline.page(model, SubjectKind.ACCOUNT, accountId, "/accounts/" + id, before);
        return "fragments/timeline :: entries";
    }
}
