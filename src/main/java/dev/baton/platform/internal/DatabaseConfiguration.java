package dev.baton.platform.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds the DataSource from {@code BATON_DB_*}: an embedded SQLite file in the data directory by
 * default, PostgreSQL when {@code BATON_DB_URL} says so.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Dialect dialect(BatonProperties props) {
        String url = jdbcUrl(props);
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect(url);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect(url);
        }
        throw new IllegalStateException("BATON_DB_URL must start with jdbc:sqlite: or jdbc:postgresql: but was " + url);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(BatonProperties props, Dialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("baton");
        config.setJdbcUrl(jdbcUrl(props));
        if (dialect.isSqlite()) {
            // IMMEDIATE transactions take SQLite's single write lock at BEGIN, so writers queue on
            // busy_timeout instead of failing with SQLITE_BUSY when a read lock cannot be upgraded.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.addDataSourceProperty("cache_size", "-65536");
            // Checkpoint every ~64 MB of WAL rather than 4 MB: processor batches rewrite the same rollup
            // pages commit after commit, and a page is copied back to the database once per checkpoint.
            config.addDataSourceProperty("wal_autocheckpoint", "16384");
            config.addDataSourceProperty("journal_size_limit", "134217728");
            config.setMaximumPoolSize(Math.max(2, props.db().poolSize()));
        } else {
            config.setUsername(props.db().user().isBlank() ? null : props.db().user());
            config.setPassword(props.db().password().isBlank() ? null : props.db().password());
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.setMaximumPoolSize(props.db().poolSize());
        }
        return new HikariDataSource(config);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource, Dialect dialect) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        if (dialect.isSqlite()) {
            template.setExceptionTranslator(new SqliteExceptionTranslator());
        }
        return template;
    }

    @Bean
    JdbcClient jdbcClient(JdbcTemplate jdbcTemplate) {
        return JdbcClient.create(jdbcTemplate);
    }

    static String jdbcUrl(BatonProperties props) {
        if (!props.db().url().isBlank()) {
            return props.db().url();
        }
        Path dir = Path.of(props.dataDir());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
        return "jdbc:sqlite:" + dir.resolve("baton.db").toAbsolutePath().normalize();
    }
}
