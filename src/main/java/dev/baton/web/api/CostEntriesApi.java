package dev.baton.web.api;

import dev.baton.management.CampaignManagement;
import dev.baton.management.CostEntry;
import dev.baton.management.CostEntryDraft;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
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
@RequestMapping(path = "/api/v1/cost-entries", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cost entries", description = "Actual spend per campaign per period")
class CostEntriesApi {

    private final CampaignManagement campaigns;

    CostEntriesApi(CampaignManagement campaigns) {
        this.campaigns = campaigns;
    }

    /** Spend on a campaign over a period (inclusive dates); amount is decimal in {@code currency}. */
    public record CostEntryRequest(
            @NotNull @ValidId String campaignId,
            @NotNull LocalDate periodStart,
            @NotNull LocalDate periodEnd,
            @NotNull @DecimalMin("0") @DecimalMax(CampaignsApi.MAX_MONEY) BigDecimal amount,
            @NotNull @Pattern(regexp = CampaignsApi.CURRENCY, message = "must be an ISO 4217 currency code such as USD")
            String currency,
            @Size(max = 1000) String note) {

        CostEntryDraft draft() {
            new Checks().dateOrder("periodStart", periodStart, "periodEnd", periodEnd)
                    .currency("currency", currency)
                    .money("amount", amount, currency)
                    .throwIfAny();
            return new CostEntryDraft(Ids.parse(campaignId), periodStart, periodEnd, Money.toMinor(amount, currency),
                    currency, note);
        }
    }

    public record CostEntryView(String id, String campaignId, LocalDate periodStart, LocalDate periodEnd,
            BigDecimal amount, String currency, String note, Instant createdAt, Instant updatedAt) {

        static CostEntryView of(CostEntry c) {
            return new CostEntryView(Ids.format(c.id()), Ids.format(c.campaignId()), c.periodStart(), c.periodEnd(),
                    Money.fromMinor(c.amount(), c.currency()), c.currency(), c.note(), c.createdAt(), c.updatedAt());
        }
    }

    @GetMapping
    @Operation(summary = "List cost entries in id order",
            description = "from/to select entries whose period overlaps the given dates.")
    ApiPage<CostEntryView> list(@RequestParam(required = false) String campaignId,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        new Checks().dateOrder("from", from, "to", to).throwIfAny();
        return ApiPage.of(campaigns.costs(Params.id("campaignId", campaignId), from, to, Paging.cursor(cursor),
                limit + 1), limit, CostEntry::id, CostEntryView::of);
    }

    @GetMapping("/{id}")
    CostEntryView get(@PathVariable String id) {
        return CostEntryView.of(existing(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CostEntryView> create(@Valid @RequestBody CostEntryRequest body) {
        CostEntryView view = CostEntryView.of(campaigns.createCost(body.draft()));
        return ResponseEntity.created(URI.create("/api/v1/cost-entries/" + view.id())).body(view);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CostEntryView update(@PathVariable String id, @Valid @RequestBody CostEntryRequest body) {
        return CostEntryView.of(campaigns.updateCost(existing(id).id(), body.draft()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        campaigns.deleteCost(existing(id).id());
    }

    private CostEntry existing(String id) {
        return campaigns.findCost(Checks.pathId("cost entry", id))
                .orElseThrow(() -> new NotFoundException("cost entry", id));
    }
}
