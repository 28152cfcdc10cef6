package dev.baton.demo.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The demo's bookkeeping: its rows in {@code job_run} (one for the whole load, one per completed
 * stage), and reading back the ids of rows it wrote, by their natural keys, when a load resumes.
 */
@Repository
class DemoJobs {

    record JobRow(String name, String status, long progress, long total, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    DemoJobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<JobRow> find(String name) {
        return jdbc.sql("SELECT job_name, status, progress, total, detail FROM job_run WHERE job_name = ?")
                .param(name)
                .query((rs, i) -> new JobRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5)))
                .optional();
    }

    /** Job rows whose name starts with {@code prefix}, by name. */
    Map<String, JobRow> findAll(String prefix) {
        Map<String, JobRow> rows = new HashMap<>();
        jdbc.sql("SELECT job_name, status, progress, total, detail FROM job_run WHERE job_name LIKE ?")
                .param(prefix + "%")
                .query((rs, i) -> rows.put(rs.getString(1), new JobRow(rs.getString(1), rs.getString(2),
                        rs.getLong(3), rs.getLong(4), rs.getString(5))))
                .list();
        return rows;
    }

    void save(String name, String status, long progress, long total, String detail) {
        jdbc.sql("INSERT INTO job_run (job_name, status, progress, total, detail, updated_at) VALUES (?,?,?,?,?,?) "
                        + "ON CONFLICT (job_name) DO UPDATE SET status = excluded.status, progress = excluded.progress, "
                        + "total = excluded.total, detail = excluded.detail, updated_at = excluded.updated_at")
                .params(name, status, progress, total, detail, clock.millis())
                .update();
    }

    long contactCount() {
        return jdbc.sql("SELECT COUNT(*) FROM contact").query(Long.class).single();
    }

    Map<String, Long> accountIdsByDomain() {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("SELECT domain, id FROM account WHERE domain IS NOT NULL")
                .query((rs, i) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        return ids;
    }

    Map<String, Long> contactIdsByEmail() {
        Map<String, Long> ids = new HashMap<>(32_768);
        jdbc.sql("SELECT email, id FROM contact WHERE email IS NOT NULL")
                .query((rs, i) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        return ids;
    }

}
