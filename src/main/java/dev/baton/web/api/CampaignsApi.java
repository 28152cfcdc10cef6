package dev.baton.web.api;

import dev.baton.management.Campaign;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignMember;
import dev.baton.management.CampaignQuery;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.management.MemberStatus;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Campaigns", description = "Campaigns and programs, and their members")
class CampaignsApi {

    static final String CURRENCY = "^[A-Z]{3}$";
    static final String MAX_MONEY = "9999999999999";

    private final CampaignManagement campaigns;
    private final ContactDirectory contacts;
    private final Clock clock;

    CampaignsApi(CampaignManagement campaigns, ContactDirectory contacts, Clock clock) {
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** A campaign; plannedBudget is a decimal amount in {@code currency}. PUT replaces every field. */
    public record CampaignRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull CampaignType type,
            @NotNull Channel channel,
            @NotNull CampaignStatus status,
            LocalDate startDate,
            LocalDate endDate,
            @ValidId String parentId,
            @DecimalMin("0") @DecimalMax(MAX_MONEY) BigDecimal plannedBudget,
            @NotNull @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 currency code such as USD")
            String currency,
            @Size(max = 200) String utmCampaign) {

        CampaignDraft draft() {
            new Checks().dateOrder("startDate", startDate, "endDate", endDate)
                    .currency("currency", currency)
                    .money("plannedBudget", plannedBudget, currency)
                    .throwIfAny();
            return new CampaignDraft(name.trim(), type, channel, status, startDate, endDate, Checks.id(parentId),
                    Money.toMinorNullable(plannedBudget, currency), currency, ContactsApi.blankToNull(utmCampaign));
        }
    }

    public record CampaignView(String id, String name, CampaignType type, Channel channel, CampaignStatus status,
            LocalDate startDate, LocalDate endDate, String parentId, BigDecimal plannedBudget, String currency,
            String utmCampaign, Instant createdAt, Instant updatedAt) {

        static CampaignView of(Campaign c) {
            return new CampaignView(Ids.format(c.id()), c.name(), c.type(), c.channel(), c.status(), c.startDate(),
                    c.endDate(), Ids.formatNullable(c.parentId()), Money.fromMinor(c.plannedBudget(), c.currency()),
                    c.currency(), c.utmCampaign(), c.createdAt(), c.updatedAt());
        }
    }

    /** Sets a contact's status in the campaign; {@code at} (default now) dates a first response. */
    public record MemberRequest(@NotNull MemberStatus status, Instant at) {
    }

    public record MemberView(String campaignId, String contactId, MemberStatus status, Instant firstRespondedAt,
            Instant createdAt, Instant updatedAt) {

        static MemberView of(CampaignMember m) {
            return new MemberView(Ids.format(m.campaignId()), Ids.format(m.contactId()), m.status(),
                    m.firstRespondedAt(), m.createdAt(), m.updatedAt());
        }
    }

    @GetMapping
    @Operation(summary = "List campaigns in id order", description = "q matches the name.")
    ApiPage<CampaignView> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) CampaignStatus status,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) CampaignType type,
            @RequestParam(required = false) String parentId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        CampaignQuery query = new CampaignQuery(ContactsApi.blankToNull(q), status, channel, type,
                Params.id("parentId", parentId), SortOrder.cursor(Paging.cursor(cursor), limit + 1));
        return ApiPage.of(campaigns.search(query), limit, Campaign::id, CampaignView::of);
    }

    @GetMapping("/{id}")
    CampaignView get(@PathVariable String id) {
        return CampaignView.of(existing(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CampaignView> create(@Valid @RequestBody CampaignRequest body) {
        CampaignView view = CampaignView.of(campaigns.create(body.draft()));
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + view.id())).body(view);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CampaignView update(@PathVariable String id, @Valid @RequestBody CampaignRequest body) {
        Campaign current = existing(id);
        CampaignDraft draft = body.draft();
        if (draft.parentId() != null && draft.parentId() == current.id()) {
            throw new ApiValidationException("parentId", "must not be the campaign itself");
        }
        return CampaignView.of(campaigns.update(current.id(), draft));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a campaign with its members and cost entries",
            description = "409 while child campaigns or opportunities reference it.")
    void delete(@PathVariable String id) {
        campaigns.delete(existing(id).id());
    }

    @GetMapping("/{id}/members")
    @Operation(summary = "List a campaign's members",
            description = "Pages by position: pass the previous page's nextCursor as cursor.")
    ApiPage<MemberView> members(@PathVariable String id, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        Campaign campaign = existing(id);
        int offset = 0;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                offset = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                offset = -1;
            }
            if (offset < 0) {
                throw new ApiValidationException("cursor", "must be a nextCursor value from a previous page");
            }
        }
        List<CampaignMember> rows = campaigns.members(campaign.id(), offset, limit + 1);
        boolean more = rows.size() > limit;
        List<MemberView> data = (more ? rows.subList(0, limit) : rows).stream().map(MemberView::of).toList();
        return new ApiPage<>(data, more ? String.valueOf(offset + limit) : null);
    }

    @PutMapping(path = "/{id}/members/{contactId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a contact to the campaign or change its status",
            description = "The first responding status (clicked, registered, attended, responded) sets firstRespondedAt.")
    MemberView putMember(@PathVariable String id, @PathVariable String contactId,
            @Valid @RequestBody MemberRequest body) {
        Campaign campaign = existing(id);
        long contact = Checks.pathId("contact", contactId);
        if (contacts.find(contact).isEmpty()) {
            throw new NotFoundException("contact", contactId);
        }
        Instant at = body.at() == null ? clock.instant() : body.at();
        return MemberView.of(campaigns.upsertMember(campaign.id(), contact, body.status(), at));
    }

    private Campaign existing(String id) {
        return campaigns.find(Checks.pathId("campaign", id)).orElseThrow(() -> new NotFoundException("campaign", id));
    }
}
