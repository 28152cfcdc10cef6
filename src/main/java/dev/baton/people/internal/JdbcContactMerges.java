package dev.baton.people.internal;

import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactMerges;
import dev.baton.people.ContactsMerged;
import dev.baton.people.Identity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.AuditLog;
import dev.baton.platform.ConflictException;
import dev.baton.platform.ContactAliases;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SqlQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges contacts (decision 0010) and tells processors which ids are tombstones. Survivorship is deliberately
 * simple: the survivor's non-empty fields win; each empty one takes the merged contact's value.
 */
@Component
class JdbcContactMerges implements ContactMerges, ContactAliases {

    /** Lookups of many ids are cut into IN lists of this many. */
    private static final int CHUNK = 500;
    /** A chain longer than this is a cycle or corruption; stop following it rather than loop. */
    private static final int MAX_CHAIN = 64;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContactDirectory contacts;
    private final ActivityLog log;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    JdbcContactMerges(JdbcClient jdbc, TransactionTemplate tx, ContactDirectory contacts, ActivityLog log,
            AuditLog audit, ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.contacts = contacts;
        this.log = log;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public MergeResult merge(long survivorId, long mergedId, String reason, String actor) {
        if (survivorId == mergedId) {
            throw new IllegalArgumentException("a contact cannot be merged into itself");
        }
        return tx.execute(s -> mergeInTransaction(survivorId, mergedId, reason, actor));
    }

    private MergeResult mergeInTransaction(long survivorId, long mergedId, String reason, String actor) {
        Contact survivor = live(survivorId, "id");
        Contact merged = live(mergedId, "mergeId");
        long now = clock.millis();
        List<Identity> moved = contacts.identities(mergedId);

        // The tombstone gives up its email first: email is unique, and the survivor may take it below.
        jdbc.sql("UPDATE contact SET email = NULL, merged_into = ?, merged_at = ?, updated_at = ? WHERE id = ?")
                .params(survivorId, now, now, mergedId).update();
        jdbc.sql("UPDATE identity SET contact_id = ? WHERE contact_id = ?").params(survivorId, mergedId).update();

        List<String> filled = new ArrayList<>();
        Map<String, Object> sets = new java.util.LinkedHashMap<>();
        fill(sets, filled, "email", survivor, merged, Contact::email);
        fill(sets, filled, "first_name", survivor, merged, Contact::firstName);
        fill(sets, filled, "last_name", survivor, merged, Contact::lastName);
        fill(sets, filled, "title", survivor, merged, Contact::title);
        fill(sets, filled, "phone", survivor, merged, Contact::phone);
        fill(sets, filled, "company", survivor, merged, Contact::company);
        fill(sets, filled, "country", survivor, merged, Contact::country);
        fill(sets, filled, "city", survivor, merged, Contact::city);
        fill(sets, filled, "account_id", survivor, merged, Contact::accountId);
        fill(sets, filled, "owner_id", survivor, merged, Contact::ownerId);
        fill(sets, filled, "lead_source", survivor, merged, Contact::leadSource);
        fill(sets, filled, "time_zone", survivor, merged, Contact::timeZone);
        StringBuilder sql = new StringBuilder("UPDATE contact SET updated_at = ?");
        List<Object> params = new ArrayList<>();
        params.add(now);
        sets.forEach((column, value) -> {
            sql.append(", ").append(column).append(" = ?");
            params.add(value);
        });
        params.add(survivorId);
        jdbc.sql(sql + " WHERE id = ?").params(params).update();

        // Other modules re-point their rows in this transaction, as they do for ContactDeleted.
        events.publishEvent(new ContactsMerged(survivorId, mergedId));
        log.moveContactIndex(mergedId, survivorId);

        ObjectNode props = json.createObjectNode();
        props.put("survivorId", Ids.format(survivorId));
        props.put("mergedId", Ids.format(mergedId));
        props.put("mergedName", merged.displayName());
        props.put("reason", reason);
        if (actor != null) {
            props.put("actor", actor);
        }
        var ids = props.putArray("identities");
        for (Identity i : moved) {
            ids.addObject().put("id", Ids.format(i.id())).put("kind", i.kind().name()).put("value", i.value());
        }
        var fields = props.putArray("fieldsFilled");
        filled.forEach(fields::add);
        long activityId = log.append(List.of(new NewActivity(clock.instant(), CONTACT_MERGED, survivorId, null, null,
                null, null, json.writeValueAsString(props)))).get(0);
        if (actor != null) {
            audit.record(actor, "contact.merged", "contact", Ids.format(survivorId),
                    "merged " + Ids.format(mergedId) + (reason == null ? "" : ": " + reason));
        }
        return new MergeResult(contacts.find(survivorId).orElseThrow(), mergedId, moved, List.copyOf(filled),
                activityId);
    }

    private Contact live(long id, String field) {
        Optional<Contact> c = contacts.find(id);
        if (c.isPresent()) {
            return c.get();
        }
        Optional<Long> into = survivorOf(id);
        if (into.isPresent()) {
            throw new ConflictException(field, "contact " + Ids.format(id) + " is already merged into "
                    + Ids.format(into.get()));
        }
        throw new NotFoundException("contact", Ids.format(id));
    }

    private static <T> void fill(Map<String, Object> sets, List<String> filled, String column, Contact survivor,
            Contact merged, Function<Contact, T> field) {
        T mine = field.apply(survivor);
        T theirs = field.apply(merged);
        if ((mine == null || mine instanceof String m && m.isBlank()) && theirs != null) {
            sets.put(column, theirs);
            filled.add(column);
        }
    }

    @Override
    public Optional<Long> survivorOf(long contactId) {
        return Optional.ofNullable(survivors(List.of(contactId)).get(contactId));
    }

    @Override
    public Map<Long, Long> survivors(Collection<Long> contactIds) {
        if (contactIds.isEmpty() || !anyMerged()) {
            return Map.of();
        }
        Map<Long, Long> direct = mergedInto(contactIds);
        // follow chains (A into B, later B into C) a level at a time
        Map<Long, Long> result = new HashMap<>(direct);
        for (int depth = 0; depth < MAX_CHAIN; depth++) {
            Map<Long, Long> next = mergedInto(new java.util.HashSet<>(result.values()));
            if (next.isEmpty()) {
                break;
            }
            result.replaceAll((k, v) -> next.getOrDefault(v, v));
        }
        return result;
    }

    /** One indexed probe; keeps processors at full speed while nothing was ever merged. */
    private boolean anyMerged() {
        return jdbc.sql("SELECT id FROM contact WHERE merged_into IS NOT NULL LIMIT 1").query(Long.class).optional()
                .isPresent();
    }

    private Map<Long, Long> mergedInto(Collection<Long> ids) {
        Map<Long, Long> found = new HashMap<>();
        List<Long> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += CHUNK) {
            List<Long> chunk = list.subList(from, Math.min(list.size(), from + CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.sql("SELECT id, merged_into FROM contact WHERE merged_into IS NOT NULL AND id IN (" + marks + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> found.put(rs.getLong(1), SqlQuery.nullableLong(rs, 2))).list();
        }
        return found;
    }
}
