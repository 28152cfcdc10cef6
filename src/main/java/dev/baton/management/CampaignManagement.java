package dev.baton.management;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Campaigns and programs, their members, and what they cost. */
public interface CampaignManagement {

    List<Campaign> search(CampaignQuery query);

    long count(CampaignQuery query);

    Optional<Campaign> find(long id);

    Optional<Campaign> findByUtmCampaign(String utmCampaign);

    /** @throws dev.baton.platform.ConflictException when the name is taken */
    Campaign create(CampaignDraft draft);

    Campaign update(long id, CampaignDraft draft);

    /**
     * Deletes the campaign with its members and cost entries.
     *
     * @throws dev.baton.platform.ConflictException while child campaigns or opportunities reference it
     */
    void delete(long id);

    List<Campaign> children(long parentId);

    List<CampaignMember> members(long campaignId, int offset, int limit);

    List<CampaignMember> membershipsOf(long contactId);

    /** Adds or updates a member; the first responding status sets first-responded time. */
    CampaignMember upsertMember(long campaignId, long contactId, MemberStatus status, Instant at);

    /** Fast path for bulk loads. */
    void upsertMembers(List<CampaignMember> members);

    List<CostEntry> costs(Long campaignId, LocalDate from, LocalDate to, Long afterId, int limit);

    Optional<CostEntry> findCost(long id);

    CostEntry createCost(CostEntryDraft draft);

    CostEntry updateCost(long id, CostEntryDraft draft);

    void deleteCost(long id);

    CampaignSummary summary(long campaignId);

    /** Summaries for many campaigns at once (lists), keyed by campaign id. */
    Map<Long, CampaignSummary> summaries(List<Long> campaignIds);
}
