package dev.baton.people.internal;

import dev.baton.people.Contact;
import dev.baton.people.ContactDeleted;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDraft;
import dev.baton.people.ContactQuery;
import dev.baton.people.Identity;
import dev.baton.people.IdentityKind;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SqlQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcContactDirectory implements ContactDirectory {

    private static final String COLUMNS = "id, email, first_name, last_name, title, phone, company, country, city, "
            + "account_id, owner_id, lifecycle_stage, lead_source, time_zone, created_at, updated_at";

    private static final Map<ContactQuery.Sort, String> SORT = Map.of(
            ContactQuery.Sort.CREATED, "created_at",
            ContactQuery.Sort.UPDATED, "updated_at",
            ContactQuery.Sort.NAME, "last_name", // indexed; ties fall back to id
            ContactQuery.Sort.EMAIL, "email",
            ContactQuery.Sort.COMPANY, "LOWER(company)",
            ContactQuery.Sort.STAGE, "lifecycle_stage",
            ContactQuery.Sort.COUNTRY, "country");

    private static final String INSERT = "INSERT INTO contact (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    /** Merged contacts stay as tombstones (decision 0010); everything that lists or finds contacts skips them. */
    static final String LIVE = "merged_into IS NULL";

    static final RowMapper<Contact> MAPPER = JdbcContactDirectory::map;

    /** Bulk writes are cut into statements of this many rows; keeps IN lists and batches bounded. */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final References references;

    JdbcContactDirectory(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock,
            ApplicationEventPublisher events, References references) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.clock = clock;
        this.events = events;
        this.references = references;
    }

    @Override
    public List<Contact> search(ContactQuery q) {
        return filter(q).page(jdbc, q.order(), SORT, MAPPER);
    }

    @Override
    public long count(ContactQuery q) {
        return filter(q).count(jdbc, "contact");
    }

    private SqlQuery filter(ContactQuery q) {
        return SqlQuery.from("SELECT " + COLUMNS + " FROM contact")
                .where(LIVE)
                .matching(q.text(), "email", "first_name", "last_name", "company")
                .where("account_id = ?", q.accountId())
                .where("lifecycle_stage = ?", q.stage())
                .where("country = ?", q.country())
                .where("owner_id = ?", q.ownerId())
                .where("updated_at >= ?", q.updatedSince() == null ? null : q.updatedSince().toEpochMilli());
    }

    @Override
    public long total() {
        return jdbc.sql("SELECT COUNT(*) FROM contact WHERE " + LIVE).query(Long.class).single();
    }

    @Override
    public Optional<Contact> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE id = ? AND " + LIVE).param(id).query(MAPPER)
                .optional();
    }

    @Override
    public Optional<Contact> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE email = ?").param(normalizeEmail(email))
                .query(MAPPER).optional();
    }

    @Override
    public Contact create(ContactDraft draft) {
        ContactDraft d = withDefaults(draft);
        references.check(d.accountId(), d.ownerId());
        long id = Ids.next();
        long now = clock.millis();
        tx.executeWithoutResult(s -> {
            try {
                template.update(INSERT, ps -> bind(ps, id, d, now, now));
            } catch (DuplicateKeyException e) {
                throw emailTaken(d.email());
            }
            if (d.email() != null) {
                addIdentity(id, IdentityKind.EMAIL, d.email(), now);
            }
        });
        return find(id).orElseThrow();
    }

    @Override
    public Contact update(long id, ContactDraft draft) {
        ContactDraft d = withDefaults(draft);
        Contact before = find(id).orElseThrow(() -> new NotFoundException("contact", Ids.format(id)));
        references.check(d.accountId(), d.ownerId());
        tx.executeWithoutResult(s -> {
            try {
                writeFields(id, d, clock.millis());
            } catch (DuplicateKeyException e) {
                throw emailTaken(d.email());
            }
            syncEmailIdentity(id, before.email(), d.email());
        });
        return find(id).orElseThrow();
    }

    private void writeFields(long id, ContactDraft d, long now) {
        jdbc.sql("UPDATE contact SET email = ?, first_name = ?, last_name = ?, title = ?, phone = ?, company = ?, "
                        + "country = ?, city = ?, account_id = ?, owner_id = ?, lifecycle_stage = ?, lead_source = ?, "
                        + "time_zone = ?, updated_at = ? WHERE id = ?")
                .params(d.email(), d.firstName(), d.lastName(), d.title(), d.phone(), d.company(), d.country(),
                        d.city(), d.accountId(), d.ownerId(), d.lifecycleStage().name(), d.leadSource(),
                        d.timeZone(), now, id)
                .update();
    }

    private void syncEmailIdentity(long id, String oldEmail, String newEmail) {
        if (oldEmail != null && !oldEmail.equals(newEmail)) {
            jdbc.sql("DELETE FROM identity WHERE kind = ? AND identity_value = ? AND contact_id = ?")
                    .params(IdentityKind.EMAIL.name(), oldEmail, id).update();
        }
        if (newEmail != null && !newEmail.equals(oldEmail)) {
            addIdentity(id, IdentityKind.EMAIL, newEmail, clock.millis());
        }
    }

    @Override
    public void delete(long id) {
        tx.executeWithoutResult(s -> {
            if (find(id).isEmpty()) {
                throw new NotFoundException("contact", Ids.format(id));
            }
            events.publishEvent(new ContactDeleted(id));
            jdbc.sql("DELETE FROM identity WHERE contact_id = ?").param(id).update();
            jdbc.sql("DELETE FROM contact WHERE id = ?").param(id).update();
        });
    }

    @Override
    public List<UpsertResult> upsert(List<ContactUpsert> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<ContactUpsert> normalized = new ArrayList<>(rows.size());
        Set<Long> accounts = new LinkedHashSet<>();
        Set<Long> owners = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            ContactUpsert row = rows.get(i);
            ContactDraft f = normalize(row.fields());
            if (f.email() == null && (row.externalId() == null || row.externalId().isBlank())) {
                throw new IllegalArgumentException("row " + i + ": email or externalId is required");
            }
            normalized.add(new ContactUpsert(row.externalId() == null ? null : row.externalId().trim(), f));
            if (f.accountId() != null) {
                accounts.add(f.accountId());
            }
            if (f.ownerId() != null) {
                owners.add(f.ownerId());
            }
        }
        references.checkAll(accounts, owners);
        return tx.execute(s -> upsertInTransaction(normalized));
    }

    private List<UpsertResult> upsertInTransaction(List<ContactUpsert> rows) {
        long now = clock.millis();
        Map<String, Long> byEmail = lookup(IdentityKind.EMAIL,
                rows.stream().map(r -> r.fields().email()).filter(e -> e != null).toList());
        Map<String, Long> byExternal = lookup(IdentityKind.EXTERNAL_ID,
                rows.stream().map(ContactUpsert::externalId).filter(e -> e != null).toList());
        List<UpsertResult> results = new ArrayList<>(rows.size());
        List<Object[]> newContacts = new ArrayList<>();
        List<Object[]> newIdentities = new ArrayList<>();
        Map<Long, ContactDraft> updates = new HashMap<>();
        for (ContactUpsert row : rows) {
            ContactDraft f = row.fields();
            Long id = f.email() == null ? null : byEmail.get(f.email());
            if (id == null && row.externalId() != null) {
                id = byExternal.get(row.externalId());
            }
            if (id == null) {
                long newId = Ids.next();
                ContactDraft d = withDefaults(f);
                newContacts.add(values(newId, d, now, now));
                if (d.email() != null) {
                    byEmail.put(d.email(), newId);
                    newIdentities.add(new Object[] {Ids.next(), newId, IdentityKind.EMAIL.name(), d.email(), now});
                }
                if (row.externalId() != null) {
                    byExternal.put(row.externalId(), newId);
                    newIdentities.add(new Object[] {Ids.next(), newId, IdentityKind.EXTERNAL_ID.name(),
                            row.externalId(), now});
                }
                results.add(new UpsertResult(newId, true));
            } else {
                long existing = id;
                updates.merge(existing, f, JdbcContactDirectory::overlay);
                if (row.externalId() != null && !byExternal.containsKey(row.externalId())) {
                    byExternal.put(row.externalId(), existing);
                    newIdentities.add(new Object[] {Ids.next(), existing, IdentityKind.EXTERNAL_ID.name(),
                            row.externalId(), now});
                }
                results.add(new UpsertResult(existing, false));
            }
        }
        try {
            batch(INSERT, newContacts);
            Map<Long, Contact> currentById = findAll(updates.keySet());
            for (Map.Entry<Long, ContactDraft> u : updates.entrySet()) {
                Contact current = currentById.get(u.getKey());
                ContactDraft merged = withDefaults(overlay(draftOf(current), u.getValue()));
                if (!merged.equals(withDefaults(draftOf(current)))) {
                    writeFields(current.id(), merged, now);
                    syncEmailIdentity(current.id(), current.email(), merged.email());
                }
            }
            batch("INSERT INTO identity (id, contact_id, kind, identity_value, created_at) VALUES (?,?,?,?,?)",
                    newIdentities);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("email", "an email in the batch already belongs to another contact");
        }
        return results;
    }

    private Map<Long, Contact> findAll(Collection<Long> ids) {
        Map<Long, Contact> found = new HashMap<>();
        List<Long> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += CHUNK) {
            List<Long> chunk = list.subList(from, Math.min(list.size(), from + CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE id IN (" + marks + ")")
                    .params(new ArrayList<Object>(chunk)).query(MAPPER).list().forEach(c -> found.put(c.id(), c));
        }
        return found;
    }

    private Map<String, Long> lookup(IdentityKind kind, Collection<String> values) {
        Map<String, Long> found = new HashMap<>();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> params = new ArrayList<>();
            params.add(kind.name());
            params.addAll(chunk);
            jdbc.sql("SELECT identity_value, contact_id FROM identity WHERE kind = ? AND identity_value IN (" + marks
                            + ")")
                    .params(params).query((rs, n) -> found.put(rs.getString(1), rs.getLong(2))).list();
        }
        return found;
    }

    @Override
    public List<Long> createAll(List<ContactDraft> drafts) {
        long now = clock.millis();
        List<Long> ids = new ArrayList<>(drafts.size());
        List<Object[]> contacts = new ArrayList<>(drafts.size());
        List<Object[]> identities = new ArrayList<>(drafts.size());
        for (ContactDraft draft : drafts) {
            ContactDraft d = withDefaults(draft);
            long id = Ids.next();
            ids.add(id);
            contacts.add(values(id, d, now, now));
            if (d.email() != null) {
                identities.add(new Object[] {Ids.next(), id, IdentityKind.EMAIL.name(), d.email(), now});
            }
        }
        tx.executeWithoutResult(s -> {
            try {
                batch(INSERT, contacts);
            } catch (DuplicateKeyException e) {
                throw new ConflictException("email", "an email in the batch already belongs to a contact");
            }
            batch("INSERT INTO identity (id, contact_id, kind, identity_value, created_at) VALUES (?,?,?,?,?)",
                    identities);
        });
        return ids;
    }

    /** Adds an identity to a contact (e.g. an anonymous id or CRM id); returns its id. */
    long addIdentity(long contactId, IdentityKind kind, String value, long now) {
        long id = Ids.next();
        try {
            jdbc.sql("INSERT INTO identity (id, contact_id, kind, identity_value, created_at) VALUES (?,?,?,?,?)")
                    .params(id, contactId, kind.name(), value, now).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(kind == IdentityKind.EMAIL ? "email" : "identity",
                    kind.name().toLowerCase(Locale.ROOT) + " " + value + " already belongs to another contact");
        }
        return id;
    }

    @Override
    public void link(List<IdentityLink> links) {
        long now = clock.millis();
        List<Object[]> rows = new ArrayList<>(links.size());
        for (IdentityLink l : links) {
            String value = l.kind() == IdentityKind.EMAIL ? normalizeEmail(l.value()) : l.value().trim();
            rows.add(new Object[] {Ids.next(), l.contactId(), l.kind().name(), value, now});
        }
        tx.executeWithoutResult(s -> {
            try {
                batch("INSERT INTO identity (id, contact_id, kind, identity_value, created_at) VALUES (?,?,?,?,?)",
                        rows);
            } catch (DuplicateKeyException e) {
                throw new ConflictException("identity", "an identity in the batch already belongs to a contact");
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                throw new NotFoundException("contact", "contactId", "in the batch");
            }
        });
    }

    @Override
    public List<Identity> identities(long contactId) {
        return jdbc.sql("SELECT id, contact_id, kind, identity_value, created_at FROM identity WHERE contact_id = ? "
                        + "ORDER BY id")
                .param(contactId)
                .query((rs, n) -> new Identity(rs.getLong(1), rs.getLong(2), IdentityKind.valueOf(rs.getString(3)),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))))
                .list();
    }

    @Override
    public Optional<Long> resolve(IdentityKind kind, String value) {
        String v = kind == IdentityKind.EMAIL ? normalizeEmail(value) : value;
        return jdbc.sql("SELECT contact_id FROM identity WHERE kind = ? AND identity_value = ?")
                .params(kind.name(), v).query(Long.class).optional();
    }

    @Override
    public Map<String, Long> resolveAll(IdentityKind kind, Collection<String> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        if (kind != IdentityKind.EMAIL) {
            return lookup(kind, values);
        }
        Map<String, String> byNormalized = new HashMap<>();
        for (String v : values) {
            String n = normalizeEmail(v);
            if (n != null) {
                byNormalized.put(n, v);
            }
        }
        Map<String, Long> found = lookup(kind, byNormalized.keySet());
        Map<String, Long> out = new HashMap<>();
        found.forEach((n, id) -> out.put(byNormalized.get(n), id));
        return out;
    }

    @Override
    public List<Contact> forAccount(long accountId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE account_id = ? AND " + LIVE
                + " ORDER BY last_name, first_name, id "
                + "LIMIT ?").params(accountId, limit).query(MAPPER).list();
    }

    @Override
    public boolean assignAccount(long contactId, long accountId) {
        references.check(accountId, null);
        // a one-element array: a null account_id must not read as "no such contact"
        Long current = jdbc.sql("SELECT account_id FROM contact WHERE id = ?").param(contactId)
                .query((rs, n) -> new Long[] {SqlQuery.nullableLong(rs, 1)}).optional()
                .orElseThrow(() -> new NotFoundException("contact", Ids.format(contactId)))[0];
        if (current != null && current == accountId) {
            return false;
        }
        jdbc.sql("UPDATE contact SET account_id = ?, updated_at = ? WHERE id = ?")
                .params(accountId, clock.millis(), contactId).update();
        return true;
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
        }
    }

    private static ConflictException emailTaken(String email) {
        return new ConflictException("email", "email " + email + " already belongs to another contact");
    }

    static String normalizeEmail(String email) {
        if (email == null) {
            return null;
        }
        String e = email.trim().toLowerCase(Locale.ROOT);
        return e.isEmpty() ? null : e;
    }

    private static ContactDraft normalize(ContactDraft d) {
        return new ContactDraft(normalizeEmail(d.email()), d.firstName(), d.lastName(), d.title(), d.phone(),
                d.company(), d.country(), d.city(), d.accountId(), d.ownerId(), d.lifecycleStage(), d.leadSource(),
                d.timeZone());
    }

    private static ContactDraft withDefaults(ContactDraft d) {
        ContactDraft n = normalize(d);
        return n.lifecycleStage() != null ? n : new ContactDraft(n.email(), n.firstName(), n.lastName(), n.title(),
                n.phone(), n.company(), n.country(), n.city(), n.accountId(), n.ownerId(), LifecycleStage.LEAD,
                n.leadSource(), n.timeZone());
    }

    /** Fields of {@code top} that are set win over {@code base}. */
    private static ContactDraft overlay(ContactDraft base, ContactDraft top) {
        return new ContactDraft(pick(top.email(), base.email()), pick(top.firstName(), base.firstName()),
                pick(top.lastName(), base.lastName()), pick(top.title(), base.title()), pick(top.phone(), base.phone()),
                pick(top.company(), base.company()), pick(top.country(), base.country()),
                pick(top.city(), base.city()), pick(top.accountId(), base.accountId()),
                pick(top.ownerId(), base.ownerId()), pick(top.lifecycleStage(), base.lifecycleStage()),
                pick(top.leadSource(), base.leadSource()), pick(top.timeZone(), base.timeZone()));
    }

    private static <T> T pick(T top, T base) {
        return top != null ? top : base;
    }

    private static ContactDraft draftOf(Contact c) {
        return new ContactDraft(c.email(), c.firstName(), c.lastName(), c.title(), c.phone(), c.company(),
                c.country(), c.city(), c.accountId(), c.ownerId(), c.lifecycleStage(), c.leadSource(), c.timeZone());
    }

    private static Object[] values(long id, ContactDraft d, long createdAt, long updatedAt) {
        return new Object[] {id, d.email(), d.firstName(), d.lastName(), d.title(), d.phone(), d.company(),
                d.country(), d.city(), d.accountId(), d.ownerId(), d.lifecycleStage().name(), d.leadSource(),
                d.timeZone(), createdAt, updatedAt};
    }

    private static void bind(PreparedStatement ps, long id, ContactDraft d, long createdAt, long updatedAt)
            throws SQLException {
        Object[] v = values(id, d, createdAt, updatedAt);
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                ps.setNull(i + 1, i == 9 || i == 10 ? Types.BIGINT : Types.VARCHAR);
            } else {
                ps.setObject(i + 1, v[i]);
            }
        }
    }

    private static Contact map(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), SqlQuery.nullableLong(rs, 10),
                SqlQuery.nullableLong(rs, 11), LifecycleStage.valueOf(rs.getString(12)), rs.getString(13),
                rs.getString(14), Instant.ofEpochMilli(rs.getLong(15)), Instant.ofEpochMilli(rs.getLong(16)));
    }
}
