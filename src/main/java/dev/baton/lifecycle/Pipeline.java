package dev.baton.lifecycle;

import java.util.List;
import java.util.Optional;

/** Opportunities and the people involved in them. */
public interface Pipeline {

    List<Opportunity> search(OpportunityQuery query);

    long count(OpportunityQuery query);

    Optional<Opportunity> find(long id);

    /** @throws dev.baton.platform.NotFoundException naming the field when account or campaign does not exist */
    Opportunity create(OpportunityDraft draft, List<ContactRole> roles);

    /** Replaces fields; roles are replaced too when non-null. */
    Opportunity update(long id, OpportunityDraft draft, List<ContactRole> roles);

    void delete(long id);

    List<ContactRole> contactRoles(long opportunityId);

    /** Stage totals overall (campaignId null) or for opportunities sourced by one campaign. */
    List<StageTotal> stageTotals(Long campaignId);

    /** Fast path for bulk loads; returns ids in order. */
    List<Long> createAll(List<OpportunityDraft> drafts, List<List<ContactRole>> roles);

    /** The opportunity that carries this external (CRM) id. */
    Optional<Long> findByExternalId(String externalId);

    /** Gives an opportunity its external (CRM) id; another opportunity's id is a conflict. */
    void setExternalId(long id, String externalId);
}
