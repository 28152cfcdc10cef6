package dev.baton.web.ui;

import dev.baton.lifecycle.Opportunity;
import dev.baton.lifecycle.OpportunityQuery;
import dev.baton.lifecycle.Pipeline;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignMember;
import dev.baton.management.CampaignQuery;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignSummary;
import dev.baton.management.CampaignType;
import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Channel;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Campaigns with budget against spend; a campaign's members, costs and sourced pipeline. */
@Controller
class CampaignsController extends UiController {

    static final int MEMBERS_PAGE = 25;

    private final CampaignManagement campaigns;
    private final Pipeline pipeline;
    private final ContactDirectory contacts;
    private final AccountDirectory accounts;

    CampaignsController(CampaignManagement campaigns, Pipeline pipeline, ContactDirectory contacts,
            AccountDirectory accounts) {
        this.campaigns = campaigns;
        this.pipeline = pipeline;
        this.contacts = contacts;
        this.accounts = accounts;
    }

    @GetMapping("/campaigns")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String type,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
            @RequestParam(defaultValue = "1") int page,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @RequestHeader(value = "HX-History-Restore-Request", required = false) String restore, Model model) {
        String text = ContactsController.trim(q);
        CampaignStatus statusFilter = ListState.parse(CampaignStatus.class, status);
        Channel channelFilter = ListState.parse(Channel.class, channel);
        CampaignType typeFilter = ListState.parse(CampaignType.class, type);
        ListState<CampaignQuery.Sort> state = ListState.of("/campaigns", CampaignQuery.Sort.class, sort, dir, page,
                CampaignQuery.Sort.START_DATE, true)
                .filter("q", text).filter("status", statusFilter).filter("channel", channelFilter)
                .filter("type", typeFilter);
        state.total(campaigns.count(
                new CampaignQuery(text, statusFilter, channelFilter, typeFilter, null, state.order())));
        List<Campaign> rows = campaigns.search(
                new CampaignQuery(text, statusFilter, channelFilter, typeFilter, null, state.order()));
        model.addAttribute("state", state);
        model.addAttribute("campaigns", rows);
        model.addAttribute("summaries", campaigns.summaries(rows.stream().map(Campaign::id).toList()));
        model.addAttribute("q", text);
        model.addAttribute("status", statusFilter);
        model.addAttribute("channel", channelFilter);
        model.addAttribute("type", typeFilter);
        model.addAttribute("statuses", CampaignStatus.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("types", CampaignType.values());
        if (htmx != null && restore == null) {
            return "campaigns/list :: results";
        }
        return "campaigns/list";
    }

    @GetMapping("/campaigns/{id}")
    String show(@PathVariable String id, @RequestParam(defaultValue = "1") int members, Model model) {
        long campaignId = UiIds.parse("campaign", id);
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> new NotFoundException("campaign", id));
        model.addAttribute("campaign", campaign);
        model.addAttribute("parent", campaign.parentId() == null ? null
                : campaigns.find(campaign.parentId()).orElse(null));
        List<Campaign> children = campaigns.children(campaignId);
        model.addAttribute("children", children);
        model.addAttribute("childSummaries", campaigns.summaries(children.stream().map(Campaign::id).toList()));
        CampaignSummary summary = campaigns.summary(campaignId);
        model.addAttribute("summary", summary);
        model.addAttribute("costs", campaigns.costs(campaignId, null, null, null, 200));

        int memberPage = (int) Math.min(Math.max(1, members),
                Math.max(1, (summary.members() + MEMBERS_PAGE - 1) / MEMBERS_PAGE));
        List<CampaignMember> page = campaigns.members(campaignId, (memberPage - 1) * MEMBERS_PAGE,
                MEMBERS_PAGE + 1);
        boolean moreMembers = page.size() > MEMBERS_PAGE;
        if (moreMembers) {
            page = page.subList(0, MEMBERS_PAGE);
        }
        List<MemberRow> memberRows = new ArrayList<>();
        for (CampaignMember m : page) {
            memberRows.add(new MemberRow(m, contacts.find(m.contactId()).orElse(null)));
        }
        model.addAttribute("members", memberRows);
        model.addAttribute("memberPage", memberPage);
        model.addAttribute("memberPages", Math.max(1, (summary.members() + MEMBERS_PAGE - 1) / MEMBERS_PAGE));
        model.addAttribute("moreMembers", moreMembers);

        List<Opportunity> opps = pipeline.search(new OpportunityQuery(null, null, campaignId, null, null, null,
                new SortOrder<>(OpportunityQuery.Sort.AMOUNT, true, 0, null, 50)));
        model.addAttribute("opportunities", opps);
        model.addAttribute("accountNames", opps.stream().map(Opportunity::accountId).distinct().map(accounts::find)
                .flatMap(Optional::stream).collect(Collectors.toMap(Account::id, Account::name)));
        model.addAttribute("stages", DashboardController.stageRows(pipeline.stageTotals(campaignId)));
        return "campaigns/show";
    }

    /** A member with their contact (null if the contact is gone). */
    public record MemberRow(CampaignMember member, Contact contact) {
    }

}
