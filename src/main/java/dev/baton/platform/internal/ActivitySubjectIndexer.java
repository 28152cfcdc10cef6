package dev.baton.platform.internal;

import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ActivityLog.SubjectKind;
import dev.baton.platform.ActivityProcessor;
import dev.baton.platform.ContactAliases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Maintains activity_subject, the log's index by contact, account and campaign. Keeping these indexes
 * off the append path is what lets ingestion run at full speed; the index is derived state, so it is
 * rebuilt from the log like any other processor's. Entries are written in key order, which keeps
 * B-tree page visits local within a batch.
 */
@Component
class ActivitySubjectIndexer implements ActivityProcessor {

    private static final String INSERT = "INSERT INTO activity_subject (subject_kind, subject_id, occurred_at, "
            + "activity_id, activity_type) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING";

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final ObjectProvider<ContactAliases> aliases;

    ActivitySubjectIndexer(JdbcTemplate template, JdbcClient jdbc, ObjectProvider<ContactAliases> aliases) {
        this.template = template;
        this.jdbc = jdbc;
        this.aliases = aliases;
    }

    @Override
    public String name() {
        return ActivityLog.INDEX_PROCESSOR;
    }

    @Override
    public void apply(List<Activity> batch) {
        List<long[]> entries = new ArrayList<>(batch.size() * 3);
        java.util.Map<Long, String> types = new java.util.HashMap<>(batch.size() * 2);
        // a merged contact's activities belong on the survivor's timeline (decision 0010)
        java.util.Map<Long, Long> survivors = survivors(batch);
        for (Activity a : batch) {
            types.put(a.id(), a.type());
            long at = a.occurredAt().toEpochMilli();
            if (a.contactId() != null) {
                entries.add(new long[] {SubjectKind.CONTACT.code(), ContactAliases.resolve(survivors, a.contactId()), at,
                        a.id()});
            }
            if (a.accountId() != null) {
                entries.add(new long[] {SubjectKind.ACCOUNT.code(), a.accountId(), at, a.id()});
            }
            if (a.campaignId() != null) {
                entries.add(new long[] {SubjectKind.CAMPAIGN.code(), a.campaignId(), at, a.id()});
            }
        }
        entries.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])
                .thenComparingLong(e -> e[2]).thenComparingLong(e -> e[3]));
        template.batchUpdate(INSERT, entries, 5_000, (ps, e) -> {
            ps.setInt(1, (int) e[0]);
            ps.setLong(2, e[1]);
            ps.setLong(3, e[2]);
            ps.setLong(4, e[3]);
            ps.setString(5, types.get(e[3]));
        });
    }

    private java.util.Map<Long, Long> survivors(List<Activity> batch) {
        ContactAliases a = aliases.getIfAvailable();
        if (a == null) {
            return java.util.Map.of();
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Activity act : batch) {
            if (act.contactId() != null) {
                ids.add(act.contactId());
            }
        }
        return a.survivors(ids);
    }

    @Override
    public void reset() {
        jdbc.sql("DELETE FROM activity_subject").update();
    }
}
