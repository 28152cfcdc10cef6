package dev.baton.people;

import java.util.List;
import java.util.Optional;

/**
 * Contacts and the identities that resolve to them. A contact merged into another ({@link ContactMerges}) is a
 * tombstone: search, counts, {@link #find} and account lists skip it; {@link ContactMerges#survivorOf} resolves it.
 */
public interface ContactDirectory {

    List<Contact> search(ContactQuery query);

    long count(ContactQuery query);

    long total();

    Optional<Contact> find(long id);

    Optional<Contact> findByEmail(String email);

    /** @throws dev.baton.platform.ConflictException when the email belongs to another contact */
    Contact create(ContactDraft draft);

    /** Replaces every writable field. */
    Contact update(long id, ContactDraft draft);

    /** Deletes the contact, its identities, memberships, roles and consent; its activities stay in the log. */
    void delete(long id);

    /**
     * Creates or updates contacts matched by email, else by external id, in one transaction.
     * Non-null fields overwrite; null fields are left as they are.
     */
    List<UpsertResult> upsert(List<ContactUpsert> rows);

    /** Fast path for bulk loads of new contacts (demo data, benchmarks); returns ids in order. */
    List<Long> createAll(List<ContactDraft> drafts);

    List<Identity> identities(long contactId);

    /**
     * Links more identities (anonymous ids, CRM ids, phones) to existing contacts, in one transaction.
     *
     * @throws dev.baton.platform.ConflictException when one already belongs to a contact
     */
    void link(List<IdentityLink> links);

    Optional<Long> resolve(IdentityKind kind, String value);

    /** Bulk {@link #resolve}: the contact id of each value that has one (emails compared lower-cased). */
    java.util.Map<String, Long> resolveAll(IdentityKind kind, java.util.Collection<String> values);

    List<Contact> forAccount(long accountId, int limit);

    /**
     * Makes the account the contact's account.
     *
     * @return true when that changed the contact, false when it already was
     * @throws dev.baton.platform.NotFoundException when the contact or the account does not exist
     */
    boolean assignAccount(long contactId, long accountId);

    record ContactUpsert(String externalId, ContactDraft fields) {
    }

    record UpsertResult(long contactId, boolean created) {
    }

    record IdentityLink(long contactId, IdentityKind kind, String value) {
    }
}
