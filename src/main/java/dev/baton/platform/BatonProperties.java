package dev.baton.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one typed catalogue of Baton's configuration. Every option is a {@code BATON_*} environment
 * variable (relaxed binding: {@code BATON_DB_URL} is {@code baton.db.url}); the README's
 * configuration table lists the same names.
 */
@ConfigurationProperties("baton")
public record BatonProperties(
        @DefaultValue("./baton-data") String dataDir,
        @DefaultValue Db db,
        @DefaultValue Admin admin,
        @DefaultValue Demo demo,
        @DefaultValue Processors processors,
        @DefaultValue Security security,
        @DefaultValue Capture capture,
        @DefaultValue Imports imports,
        @DefaultValue Forms forms,
        @DefaultValue("") String publicUrl) {

    /** BATON_DB_URL / BATON_DB_USER / BATON_DB_PASSWORD / BATON_DB_POOL_SIZE. Empty URL = SQLite in dataDir. */
    public record Db(@DefaultValue("") String url, @DefaultValue("") String user,
            @DefaultValue("") String password, @DefaultValue("8") int poolSize) {
    }

    /** BATON_ADMIN_EMAIL / BATON_ADMIN_PASSWORD: the first-run administrator. */
    public record Admin(@DefaultValue("admin@baton.local") String email, @DefaultValue("") String password) {
    }

    /** BATON_DEMO_ENABLED / BATON_DEMO_SCALE / BATON_DEMO_SEED. */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("1") int scale,
            @DefaultValue("20261123") long seed) {
    }

    /**
     * BATON_PROCESSORS_ENABLED / BATON_PROCESSORS_BATCH_SIZE / BATON_PROCESSORS_INTERVAL_MS. The batch size
     * is an upper bound: caught-up processors see small batches; catching up (after a bulk load or a
     * rebuild) is several times faster with large ones, because each subject's rollup rows are written
     * once per batch and SQLite writes each touched page once per commit.
     */
    public record Processors(@DefaultValue("true") boolean enabled, @DefaultValue("25000") int batchSize,
            @DefaultValue("500") long intervalMs) {
    }

    /** BATON_SECURITY_LOGIN_ATTEMPTS_PER_MINUTE: failed sign-ins allowed per client IP per minute. */
    public record Security(@DefaultValue("10") int loginAttemptsPerMinute) {
    }

    /**
     * BATON_CAPTURE_PUBLIC_REQUESTS_PER_MINUTE: per-IP limit on the public QR-scan and webhook endpoints.
     * BATON_CAPTURE_DEFAULT_PHONE_REGION: ISO country (e.g. US) for webhook phone numbers without "+" and
     * without a mapped country; empty = such numbers are rejected.
     */
    public record Capture(@DefaultValue("120") int publicRequestsPerMinute,
            @DefaultValue("") String defaultPhoneRegion) {
    }

    /**
     * BATON_IMPORTS_CHUNK_ROWS: CSV import rows per committed chunk (the resume point after a crash);
     * BATON_IMPORTS_MAX_UPLOAD_SIZE: largest CSV upload (uploads stream to a temporary file, then 413).
     */
    public record Imports(@DefaultValue("20000") int chunkRows,
            @DefaultValue("512MB") org.springframework.util.unit.DataSize maxUploadSize) {
    }

    /**
     * BATON_FORMS_MIN_FILL_SECONDS: a hosted form posted sooner after it was rendered is refused (bots fill at
     * once). BATON_FORMS_SUBMISSIONS_PER_MINUTE: per-IP limit on hosted-form posts (then 429); form page views and
     * the snippet's page views use BATON_CAPTURE_PUBLIC_REQUESTS_PER_MINUTE.
     */
    public record Forms(@DefaultValue("3") int minFillSeconds, @DefaultValue("30") int submissionsPerMinute) {
    }
}
