package dev.baton.capture.internal.collector;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The collector's messageId dedupe window: Segment SDKs retry a call whose answer they did not see, with the same
 * messageIds, so a message already stored within {@link #WINDOW} is acknowledged again but not stored twice. The
 * window lives in the database ({@code collector_message}, primary key message_id), so it holds across restarts
 * and across nodes: when two nodes race to store the same id, the loser's insert fails on the key, its group is
 * retried and the retry sees the winner's row. Called inside the collector's group transaction, so a stored
 * message and its seen-row commit together.
 */
@Component
class MessageDedupe {

    /** How long a messageId is remembered (Segment dedupes over roughly a day). */
    static final Duration WINDOW = Duration.ofHours(24);
    /** At most one prune per this interval, and at most this many rows per prune (short write transactions). */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    static final int PRUNE_ROWS = 50_000;
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;
    private volatile long nextPruneAt;

    MessageDedupe(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    /**
     * Which of the given messageIds to store: not seen within the window, and each once (the first occurrence in
     * the list). Records them as seen. Null entries (messages without an id) are always stored.
     *
     * @return one flag per entry, true to store
     */
    boolean[] claim(List<String> messageIds) {
        boolean[] store = new boolean[messageIds.size()];
        List<String> ids = new ArrayList<>();
        for (String id : messageIds) {
            if (id != null) {
                ids.add(id);
            }
        }
        long now = clock.millis();
        Map<String, Long> known = ids.isEmpty() ? Map.of() : seenAt(ids);
        long since = now - WINDOW.toMillis();
        Set<String> claimed = new HashSet<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> renewals = new ArrayList<>();
        for (int i = 0; i < store.length; i++) {
            String id = messageIds.get(i);
            if (id == null) {
                store[i] = true;
                continue;
            }
            Long at = known.get(id);
            if ((at == null || at < since) && claimed.add(id)) {
                store[i] = true;
                // an id seen before the window but not yet pruned is a new message again: renew its row
                (at == null ? inserts : renewals).add(at == null ? new Object[] {id, now} : new Object[] {now, id});
            }
        }
        batch("INSERT INTO collector_message (message_id, seen_at) VALUES (?, ?)", inserts);
        batch("UPDATE collector_message SET seen_at = ? WHERE message_id = ?", renewals);
        return store;
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
        }
    }

    private Map<String, Long> seenAt(List<String> ids) {
        Map<String, Long> found = new HashMap<>();
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
            jdbc.sql("SELECT message_id, seen_at FROM collector_message WHERE message_id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(new ArrayList<Object>(chunk)).query((rs, n) -> found.put(rs.getString(1), rs.getLong(2)))
                    .list();
        }
        return found;
    }

    /**
     * Forgets ids older than the window, a bounded number at a time. An expired id that has not been pruned yet
     * is not a duplicate either: {@link #claim} renews its row.
     *
     * @return rows removed, or -1 when it was not yet time
     */
    int pruneIfDue() {
        long now = clock.millis();
        if (now < nextPruneAt) {
            return -1;
        }
        nextPruneAt = now + PRUNE_EVERY.toMillis();
        return prune(now);
    }

    int prune(long now) {
        return jdbc.sql("DELETE FROM collector_message WHERE message_id IN (SELECT message_id FROM collector_message "
                + "WHERE seen_at < ? ORDER BY seen_at LIMIT ?)").params(now - WINDOW.toMillis(), PRUNE_ROWS).update();
    }
}
