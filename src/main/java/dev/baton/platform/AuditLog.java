package dev.baton.platform;

import java.time.Instant;
import java.util.List;

/** Who did what: sign-ins and administrative changes. Append-only. */
public interface AuditLog {

    void record(String actor, String action, String targetType, String targetId, String detail);

    List<Entry> recent(int limit);

    record Entry(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
            String detail) {
    }
}
