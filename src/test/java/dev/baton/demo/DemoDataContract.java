package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.BatonApplication;
import dev.baton.measurement.EngagementRollups;
import dev.baton.platform.ProcessorRuntime;
import dev.baton.platform.ProcessorStatus;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo generator on one engine: it writes exactly the company its spec describes, the same spec
 * always writes the same data, and an interrupted load resumes without duplicates.
 */
@SpringBootTest
@ActiveProfiles("test")
abstract class DemoDataContract {

    /** A small company (2% of the default size) keeps these tests quick; the default size has its own test. */
    static final DemoSpec SMALL = new DemoSpec(20261123L, 0.02, LocalDate.of(2026, 11, 23));

    @Autowired
    DemoData demo;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessorRuntime processors;

    /** Properties that point a second application context at a fresh, empty database of this engine. */
    abstract Map<String, Object> freshDatabase();

    @Test
    void loadsExactlyTheCompanyItsSpecDescribesAndOnlyOnce() {
        // The context (and its database) is shared with the other tests, which may have loaded it first.
        DemoReport report = demo.load(SMALL, DemoListener.NONE);

        assertThat(report.outcome()).isIn(DemoReport.Outcome.LOADED, DemoReport.Outcome.ALREADY_LOADED);
        Map<String, Long> expected = demo.expectedCounts(SMALL);
        assertThat(tableCounts(jdbc, expected)).isEqualTo(withAdmin(expected));
        assertThat(expected.get("campaign")).isGreaterThanOrEqualTo(20);
        assertThat(expected.get("activity")).isGreaterThan(10_000);
        assertThat(demo.status()).hasValueSatisfying(s -> {
            assertThat(s.completed()).isTrue();
            assertThat(s.spec()).isEqualTo(SMALL);
        });
        // Processors were drained: every activity applied exactly once, rollups ready for the UI.
        ProcessorStatus rollups = processors.status().stream()
                .filter(p -> p.name().equals(EngagementRollups.PROCESSOR)).findFirst().orElseThrow();
        assertThat(rollups.lag()).isZero();
        assertThat(rollups.processedCount()).isEqualTo(expected.get("activity"));
        assertThat(jdbc.sql("SELECT SUM(activity_count) FROM channel_daily").query(Long.class).single())
                .isEqualTo(expected.get("activity"));

        DemoReport again = demo.load(SMALL, DemoListener.NONE);
        assertThat(again.outcome()).isEqualTo(DemoReport.Outcome.ALREADY_LOADED);
        assertThat(tableCounts(jdbc, expected)).isEqualTo(withAdmin(expected));
        // What was written has the shape the UI relies on.
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT channel) FROM activity").query(Long.class).single())
                .isGreaterThanOrEqualTo(10);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact WHERE email NOT LIKE '%@%.%' OR phone NOT LIKE '+%'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT stage) FROM opportunity").query(Long.class).single())
                .isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT role) FROM app_user").query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void sameSeedSameDataEvenWhenTheLoadIsInterruptedAndResumed() {
        demo.load(SMALL, DemoListener.NONE);
        DemoFingerprint uninterrupted = DemoFingerprint.of(dataSource);

        try (ConfigurableApplicationContext other = startOn(freshDatabase())) {
            DemoData otherDemo = other.getBean(DemoData.class);
            JdbcClient otherJdbc = other.getBean(JdbcClient.class);
            String fifthMonth = "activities-05";

            // A crash in the middle of the contacts stage: nothing of that stage stays.
            assertThatThrownBy(() -> otherDemo.load(SMALL, crashIn("contacts")))
                    .hasMessageContaining("simulated crash");
            assertThat(count(otherJdbc, "contact")).isZero();
            assertThat(count(otherJdbc, "account")).isEqualTo(demo.expectedCounts(SMALL).get("account"));

            // Resume, then crash again halfway through the fifth month of activities.
            assertThatThrownBy(() -> otherDemo.load(SMALL, crashIn(fifthMonth)))
                    .hasMessageContaining("simulated crash");
            long firstFourMonths = otherJdbc.sql("SELECT COALESCE(SUM(progress), 0) FROM job_run "
                    + "WHERE job_name LIKE 'demo.activities-%'").query(Long.class).single();
            assertThat(firstFourMonths).isPositive();
            assertThat(count(otherJdbc, "activity")).isEqualTo(firstFourMonths);
            assertThat(otherJdbc.sql("SELECT COUNT(*) FROM job_run WHERE job_name LIKE 'demo.activities-%'")
                    .query(Long.class).single()).isEqualTo(4);
            assertThat(otherDemo.status()).hasValueSatisfying(s -> assertThat(s.completed()).isFalse());

            // A restart with another spec still finishes the company it started.
            DemoReport resumed = otherDemo.load(new DemoSpec(1, 5, LocalDate.of(2020, 1, 1)), DemoListener.NONE);
            assertThat(resumed.outcome()).isEqualTo(DemoReport.Outcome.RESUMED);
            assertThat(resumed.spec()).isEqualTo(SMALL);

            DemoFingerprint afterResume = DemoFingerprint.of(other.getBean(DataSource.class));
            assertThat(afterResume).isEqualTo(uninterrupted);
        }

        try (ConfigurableApplicationContext third = startOn(freshDatabase())) {
            DemoSpec otherSeed = new DemoSpec(SMALL.seed() + 1, SMALL.scale(), SMALL.anchor());
            assertThat(third.getBean(DemoData.class).load(otherSeed, DemoListener.NONE).outcome())
                    .isEqualTo(DemoReport.Outcome.LOADED);
            DemoFingerprint different = DemoFingerprint.of(third.getBean(DataSource.class));
            assertThat(different.hashes().get("contact")).isNotEqualTo(uninterrupted.hashes().get("contact"));
            assertThat(different.hashes().get("activity")).isNotEqualTo(uninterrupted.hashes().get("activity"));
        }
    }

    @Test
    void refusesToMixDemoDataIntoADatabaseThatHasContacts() {
        try (ConfigurableApplicationContext other = startOn(freshDatabase())) {
            other.getBean(dev.baton.people.ContactDirectory.class).create(new dev.baton.people.ContactDraft(
                    "someone@customer.example", "Some", "One", null, null, null, null, null, null, null, null, null,
                    null));
            DemoReport report = other.getBean(DemoData.class).load(SMALL, DemoListener.NONE);
            assertThat(report.outcome()).isEqualTo(DemoReport.Outcome.REFUSED_NOT_EMPTY);
            assertThat(count(other.getBean(JdbcClient.class), "contact")).isEqualTo(1);
            assertThat(other.getBean(DemoData.class).status()).isEmpty();
        }
    }

    /** The bulk append path (COPY on PostgreSQL) must keep awkward text exactly as given. */
    @Test
    void bulkAppendKeepsAwkwardTextIntact() {
        try (ConfigurableApplicationContext other = startOn(freshDatabase())) {
            appendAwkwardText(other.getBean(dev.baton.platform.ActivityLog.class));
        }
    }

    private static void appendAwkwardText(dev.baton.platform.ActivityLog log) {
        String props = "{\"note\":\"tab\\there\\nnew line\\\\ back\\\\slash \\\"quoted\\\" é ✓\"}";
        String raw = "tab\tnew\nline\r\\N back\\slash";
        java.util.List<dev.baton.platform.NewActivity> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(new dev.baton.platform.NewActivity(java.time.Instant.ofEpochMilli(1_700_000_000_000L + i),
                    "page_view", null, null, null, i == 0 ? null : "email",
                    new dev.baton.platform.Activity.Utm(raw, null, "\\N", "", "x"), props));
        }
        java.util.List<Long> ids = log.append(batch);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        dev.baton.platform.Activity first = log.find(ids.get(0)).orElseThrow();
        assertThat(first.props()).isEqualTo(props);
        assertThat(first.channel()).isNull();
        assertThat(first.utm()).isEqualTo(new dev.baton.platform.Activity.Utm(raw, null, "\\N", "", "x"));
        assertThat(log.find(ids.get(2)).orElseThrow().channel()).isEqualTo("email");
    }

    static DemoListener crashIn(String stagePrefix) {
        return new DemoListener() {
            @Override
            public void chunkWritten(String stage, long rowsInStage) {
                if (stage.startsWith(stagePrefix)) {
                    throw new IllegalStateException("simulated crash in " + stage + " after " + rowsInStage + " rows");
                }
            }
        };
    }

    static ConfigurableApplicationContext startOn(Map<String, Object> database) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("baton.processors.enabled", "false");
        // As command-line arguments, which win over any BATON_* environment variable.
        return new SpringApplicationBuilder(BatonApplication.class).web(WebApplicationType.NONE).profiles("test")
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    static Map<String, Long> tableCounts(JdbcClient jdbc, Map<String, Long> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables.keySet()) {
            counts.put(table, count(jdbc, table));
        }
        return counts;
    }

    /** The first-run administrator is the one user the demo does not create. */
    static Map<String, Long> withAdmin(Map<String, Long> expected) {
        Map<String, Long> counts = new LinkedHashMap<>(expected);
        counts.put("app_user", expected.get("app_user") + 1);
        return counts;
    }
}
