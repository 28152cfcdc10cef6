package dev.baton.people.internal;

import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks that referenced accounts and owners exist before a write, so that a bad reference is a clear
 * error naming the field rather than a foreign-key failure.
 */
@Component
class References {

    private final JdbcClient jdbc;

    References(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void check(Long accountId, Long ownerId) {
        checkAll(accountId == null ? List.of() : List.of(accountId), ownerId == null ? List.of() : List.of(ownerId));
    }

    void checkAll(Collection<Long> accountIds, Collection<Long> ownerIds) {
        missing("account", "accountId", accountIds);
        missing("app_user", "ownerId", ownerIds);
    }

    void checkOwner(Long ownerId) {
        missing("app_user", "ownerId", ownerId == null ? List.of() : List.of(ownerId));
    }

    private void missing(String table, String field, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> list = new ArrayList<>(new HashSet<>(ids));
        String marks = String.join(",", Collections.nCopies(list.size(), "?"));
        Set<Long> found = new HashSet<>(jdbc.sql("SELECT id FROM " + table + " WHERE id IN (" + marks + ")")
                .params(new ArrayList<Object>(list)).query(Long.class).list());
        for (Long id : list) {
            if (!found.contains(id)) {
                throw new NotFoundException(table.equals("account") ? "account" : "user", field, Ids.format(id));
            }
        }
    }
}
