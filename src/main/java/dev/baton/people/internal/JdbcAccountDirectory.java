package dev.baton.people.internal;

import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.AccountDraft;
import dev.baton.people.AccountQuery;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SqlQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcAccountDirectory implements AccountDirectory {

    private static final String COLUMNS = "id, name, domain, industry, employees, annual_revenue, region, country, "
            + "owner_id, created_at, updated_at";

    private static final Map<AccountQuery.Sort, String> SORT = Map.of(
            AccountQuery.Sort.CREATED, "created_at",
            AccountQuery.Sort.NAME, "LOWER(name)",
            AccountQuery.Sort.DOMAIN, "domain",
            AccountQuery.Sort.INDUSTRY, "industry",
            AccountQuery.Sort.EMPLOYEES, "employees",
            AccountQuery.Sort.REGION, "region");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final References references;

    JdbcAccountDirectory(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock,
            References references) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.clock = clock;
        this.references = references;
    }

    @Override
    public List<Account> search(AccountQuery q) {
        return filter(q).page(jdbc, q.order(), SORT, JdbcAccountDirectory::map);
    }

    @Override
    public long count(AccountQuery q) {
        return filter(q).count(jdbc, "account");
    }

    private SqlQuery filter(AccountQuery q) {
        return SqlQuery.from("SELECT " + COLUMNS + " FROM account")
                .matching(q.text(), "name", "domain")
                .where("industry = ?", q.industry())
                .where("region = ?", q.region())
                .where("country = ?", q.country())
                .where("owner_id = ?", q.ownerId());
    }

    @Override
    public long total() {
        return jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single();
    }

    @Override
    public Optional<Account> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ?").param(id)
                .query(JdbcAccountDirectory::map).optional();
    }

    @Override
    public Account create(AccountDraft draft) {
        return find(createAll(List.of(draft)).get(0)).orElseThrow();
    }

    @Override
    public Account update(long id, AccountDraft draft) {
        AccountDraft d = normalize(draft);
        references.checkOwner(d.ownerId());
        int n = jdbc.sql("UPDATE account SET name = ?, domain = ?, industry = ?, employees = ?, annual_revenue = ?, "
                        + "region = ?, country = ?, owner_id = ?, updated_at = ? WHERE id = ?")
                .params(d.name(), d.domain(), d.industry(), d.employees(), d.annualRevenue(), d.region(), d.country(),
                        d.ownerId(), clock.millis(), id)
                .update();
        if (n == 0) {
            throw new NotFoundException("account", Ids.format(id));
        }
        return find(id).orElseThrow();
    }

    @Override
    public void delete(long id) {
        tx.executeWithoutResult(s -> {
            if (find(id).isEmpty()) {
                throw new NotFoundException("account", Ids.format(id));
            }
            jdbc.sql("UPDATE contact SET account_id = NULL, updated_at = ? WHERE account_id = ?")
                    .params(clock.millis(), id).update();
            try {
                jdbc.sql("DELETE FROM account WHERE id = ?").param(id).update();
            } catch (DataIntegrityViolationException e) {
                throw new ConflictException("id", "account " + Ids.format(id)
                        + " still has opportunities; delete or move them first");
            }
        });
    }

    @Override
    public List<Long> createAll(List<AccountDraft> drafts) {
        long now = clock.millis();
        List<Long> ids = new ArrayList<>(drafts.size());
        List<Object[]> rows = new ArrayList<>(drafts.size());
        List<Long> owners = new ArrayList<>();
        for (AccountDraft draft : drafts) {
            AccountDraft d = normalize(draft);
            long id = Ids.next();
            ids.add(id);
            if (d.ownerId() != null) {
                owners.add(d.ownerId());
            }
            rows.add(new Object[] {id, d.name(), d.domain(), d.industry(), d.employees(), d.annualRevenue(),
                    d.region(), d.country(), d.ownerId(), now, now});
        }
        references.checkAll(List.of(), owners);
        tx.executeWithoutResult(s -> {
            for (int from = 0; from < rows.size(); from += 500) {
                template.batchUpdate("INSERT INTO account (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        rows.subList(from, Math.min(rows.size(), from + 500)));
            }
        });
        return ids;
    }

    @Override
    public Optional<Long> findByExternalId(String externalId) {
        if (externalId == null || externalId.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM account WHERE external_id = ?").param(externalId.trim()).query(Long.class)
                .optional();
    }

    @Override
    public Optional<Long> findByDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM account WHERE domain = ? ORDER BY id LIMIT 1")
                .param(domain.trim().toLowerCase(Locale.ROOT)).query(Long.class).optional();
    }

    @Override
    public Optional<Long> findByName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM account WHERE lower(name) = ? ORDER BY id LIMIT 1")
                .param(name.trim().toLowerCase(Locale.ROOT)).query(Long.class).optional();
    }

    @Override
    public ExternalUpsert upsertExternal(String externalId, AccountDraft fields) {
        if (externalId == null || externalId.isBlank()) {
            throw new ConflictException("externalId", "an external id is required");
        }
        String key = externalId.trim();
        AccountDraft f = fields == null ? new AccountDraft(null, null, null, null, null, null, null, null) : fields;
        return tx.execute(s -> {
            Optional<Long> existing = findByExternalId(key);
            long now = clock.millis();
            if (existing.isEmpty()) {
                String name = f.name() == null || f.name().isBlank() ? key : f.name();
                AccountDraft d = normalize(new AccountDraft(name, f.domain(), f.industry(), f.employees(),
                        f.annualRevenue(), f.region(), f.country(), null));
                long id = Ids.next();
                jdbc.sql("INSERT INTO account (" + COLUMNS + ", external_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
                        .params(id, d.name(), d.domain(), d.industry(), d.employees(), d.annualRevenue(), d.region(),
                                d.country(), null, now, now, key)
                        .update();
                return new ExternalUpsert(id, true, true);
            }
            long id = existing.get();
            Account a = find(id).orElseThrow();
            AccountDraft before = new AccountDraft(a.name(), a.domain(), a.industry(), a.employees(), a.annualRevenue(),
                    a.region(), a.country(), a.ownerId());
            AccountDraft after = normalize(new AccountDraft(pick(f.name(), a.name()), pick(f.domain(), a.domain()),
                    pick(f.industry(), a.industry()), pick(f.employees(), a.employees()),
                    pick(f.annualRevenue(), a.annualRevenue()), pick(f.region(), a.region()),
                    pick(f.country(), a.country()), a.ownerId()));
            if (after.equals(before)) {
                return new ExternalUpsert(id, false, false);
            }
            jdbc.sql("UPDATE account SET name = ?, domain = ?, industry = ?, employees = ?, annual_revenue = ?, "
                            + "region = ?, country = ?, updated_at = ? WHERE id = ?")
                    .params(after.name(), after.domain(), after.industry(), after.employees(), after.annualRevenue(),
                            after.region(), after.country(), now, id)
                    .update();
            return new ExternalUpsert(id, false, true);
        });
    }

    private static <T> T pick(T value, T otherwise) {
        return value == null || (value instanceof String s && s.isBlank()) ? otherwise : value;
    }

    private static AccountDraft normalize(AccountDraft d) {
        String domain = d.domain() == null || d.domain().isBlank() ? null : d.domain().trim().toLowerCase(Locale.ROOT);
        return new AccountDraft(d.name().trim(), domain, d.industry(), d.employees(), d.annualRevenue(), d.region(),
                d.country(), d.ownerId());
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                SqlQuery.nullableInt(rs, 5), SqlQuery.nullableLong(rs, 6), rs.getString(7), rs.getString(8),
                SqlQuery.nullableLong(rs, 9), Instant.ofEpochMilli(rs.getLong(10)),
                Instant.ofEpochMilli(rs.getLong(11)));
    }
}
