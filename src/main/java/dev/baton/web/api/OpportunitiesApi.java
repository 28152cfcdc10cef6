package dev.baton.web.api;

import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.Opportunity;
import dev.baton.lifecycle.OpportunityDraft;
import dev.baton.lifecycle.OpportunityQuery;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
@RequestMapping(path = "/api/v1/opportunities", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Opportunities", description = "Deals and the people involved in them")
class OpportunitiesApi {

    private final Pipeline pipeline;

    OpportunitiesApi(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public record ContactRoleRequest(@NotNull @ValidId String contactId, @NotNull ContactRole.Role role,
            Boolean primary) {
    }

    /** A deal; amount is decimal in {@code currency}. PUT replaces every field, contact roles included. */
    public record OpportunityRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @ValidId String accountId,
            @ValidId String campaignId,
            @ValidId String ownerId,
            @NotNull OpportunityStage stage,
            @NotNull @DecimalMin("0") @DecimalMax(CampaignsApi.MAX_MONEY) BigDecimal amount,
            @NotNull @Pattern(regexp = CampaignsApi.CURRENCY, message = "must be an ISO 4217 currency code such as USD")
            String currency,
            LocalDate closeDate,
            @Size(max = 100) List<@NotNull @Valid ContactRoleRequest> contactRoles) {

        OpportunityDraft draft() {
            Checks checks = new Checks().currency("currency", currency).money("amount", amount, currency);
            Set<String> seen = new HashSet<>();
            int primaries = 0;
            if (contactRoles != null) {
                for (int i = 0; i < contactRoles.size(); i++) {
                    ContactRoleRequest r = contactRoles.get(i);
                    if (!seen.add(r.contactId().toUpperCase(java.util.Locale.ROOT))) {
                        checks.add("contactRoles[" + i + "].contactId", "lists the same contact twice");
                    }
                    if (Boolean.TRUE.equals(r.primary()) && ++primaries > 1) {
                        checks.add("contactRoles[" + i + "].primary", "only one contact role may be primary");
                    }
                }
            }
            checks.throwIfAny();
            return new OpportunityDraft(name.trim(), Ids.parse(accountId), Checks.id(campaignId), Checks.id(ownerId),
                    stage, Money.toMinor(amount, currency), currency, closeDate);
        }

        List<ContactRole> roles() {
            List<ContactRole> roles = new ArrayList<>();
            if (contactRoles != null) {
                for (ContactRoleRequest r : contactRoles) {
                    roles.add(new ContactRole(Ids.parse(r.contactId()), r.role(), Boolean.TRUE.equals(r.primary())));
                }
            }
            return roles;
        }
    }

    public record ContactRoleView(String contactId, ContactRole.Role role, boolean primary) {
    }

    public record OpportunityView(String id, String name, String accountId, String campaignId, String ownerId,
            OpportunityStage stage, boolean closed, boolean won, BigDecimal amount, String currency,
            LocalDate closeDate, List<ContactRoleView> contactRoles, Instant createdAt, Instant updatedAt) {
    }

    @GetMapping
    @Operation(summary = "List opportunities in id order", description = "q matches the name; contactId selects "
            + "deals where the contact has a role.")
    ApiPage<OpportunityView> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) String accountId,
            @RequestParam(required = false) String campaignId,
            @RequestParam(required = false) String contactId,
            @RequestParam(required = false) OpportunityStage stage,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        OpportunityQuery query = new OpportunityQuery(ContactsApi.blankToNull(q), Params.id("accountId", accountId),
                Params.id("campaignId", campaignId), Params.id("contactId", contactId), stage,
                Params.id("ownerId", ownerId), SortOrder.cursor(Paging.cursor(cursor), limit + 1));
        return ApiPage.of(pipeline.search(query), limit, Opportunity::id, this::view);
    }

    @GetMapping("/{id}")
    OpportunityView get(@PathVariable String id) {
        return view(existing(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OpportunityView> create(@Valid @RequestBody OpportunityRequest body) {
        OpportunityView view = view(pipeline.create(body.draft(), body.roles()));
        return ResponseEntity.created(URI.create("/api/v1/opportunities/" + view.id())).body(view);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    OpportunityView update(@PathVariable String id, @Valid @RequestBody OpportunityRequest body) {
        return view(pipeline.update(existing(id).id(), body.draft(), body.roles()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        pipeline.delete(existing(id).id());
    }

    private Opportunity existing(String id) {
        return pipeline.find(Checks.pathId("opportunity", id))
                .orElseThrow(() -> new NotFoundException("opportunity", id));
    }

    private OpportunityView view(Opportunity o) {
        List<ContactRoleView> roles = pipeline.contactRoles(o.id()).stream()
                .map(r -> new ContactRoleView(Ids.format(r.contactId()), r.role(), r.primary())).toList();
        return new OpportunityView(Ids.format(o.id()), o.name(), Ids.format(o.accountId()),
                Ids.formatNullable(o.campaignId()), Ids.formatNullable(o.ownerId()), o.stage(), o.stage().isClosed(),
                o.stage().isWon(), Money.fromMinor(o.amount(), o.currency()), o.currency(), o.closeDate(), roles,
                o.createdAt(), o.updatedAt());
    }
}
