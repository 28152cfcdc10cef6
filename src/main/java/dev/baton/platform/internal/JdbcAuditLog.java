package dev.baton.platform.internal;

import dev.baton.platform.AuditLog;
import dev.baton.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAuditLog implements AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(String actor, String action, String targetType, String targetId, String detail) {
        jdbc.sql("INSERT INTO audit_log (id, occurred_at, actor, action, target_type, target_id, detail) "
                        + "VALUES (?,?,?,?,?,?,?)")
                .params(Ids.next(), clock.millis(), actor, action, targetType, targetId, detail).update();
    }

    @Override
    public List<Entry> recent(int limit) {
        return jdbc.sql("SELECT id, occurred_at, actor, action, target_type, target_id, detail FROM audit_log "
                        + "ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }
}
