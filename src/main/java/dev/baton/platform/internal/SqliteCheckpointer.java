package dev.baton.platform.internal;

import dev.baton.platform.Dialect;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Copies SQLite's write-ahead log back into the database file from a background thread ({@code PRAGMA
 * wal_checkpoint(PASSIVE)} every {@link #INTERVAL_MS} ms), so that a committing writer rarely has to. Without
 * it the connection whose commit crosses {@code wal_autocheckpoint} pages copies up to 64 MB and syncs the file
 * inside its commit: a stall of a hundred milliseconds or more for whoever is waiting on that commit (the
 * collector's group commit acknowledges HTTP calls only after it). A passive checkpoint never blocks readers or
 * writers; the autocheckpoint stays as the safety net. Does nothing on PostgreSQL.
 */
@Component
class SqliteCheckpointer implements DisposableBean {

    static final long INTERVAL_MS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private volatile Thread thread;

    SqliteCheckpointer(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    @EventListener(ApplicationStartedEvent.class)
    void start() {
        if (!dialect.isSqlite() || thread != null) {
            return;
        }
        Thread t = new Thread(this::run, "sqlite-checkpointer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MS);
                checkpoint();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.debug("background checkpoint failed; the next one retries: {}", e.toString());
            }
        }
    }

    void checkpoint() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }

    @Override
    public void destroy() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }
}
