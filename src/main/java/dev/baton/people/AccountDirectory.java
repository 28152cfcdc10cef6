package dev.baton.people;

import java.util.List;
import java.util.Optional;

public interface AccountDirectory {

    List<Account> search(AccountQuery query);

    long count(AccountQuery query);

    long total();

    Optional<Account> find(long id);

    Account create(AccountDraft draft);

    Account update(long id, AccountDraft draft);

    /**
     * Deletes the account; its contacts are detached.
     *
     * @throws dev.baton.platform.ConflictException while opportunities still reference it
     */
    void delete(long id);

    List<Long> createAll(List<AccountDraft> drafts);

    /**
     * Finds the account with this external id (e.g. a Segment groupId, a CRM account id) and writes the draft's
     * non-null fields onto it, or creates it (named after the external id when the draft has no name).
     *
     * @return the account's id and whether it was created
     */
    ExternalUpsert upsertExternal(String externalId, AccountDraft fields);

    /** The account that has this external id. */
    Optional<Long> findByExternalId(String externalId);

    /** The oldest account with this domain (compared in lower case), e.g. to match an imported row. */
    Optional<Long> findByDomain(String domain);

    /** The oldest account with exactly this name (case-insensitive), e.g. to match an imported row. */
    Optional<Long> findByName(String name);

    record ExternalUpsert(long accountId, boolean created, boolean changed) {
    }
}
