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
}
