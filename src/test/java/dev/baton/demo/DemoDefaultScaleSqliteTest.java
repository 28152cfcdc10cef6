package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.TestEngines;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo at its default size (scale 1) really is at least 20,000 contacts and 500,000 activities. */
@SpringBootTest
@ActiveProfiles("test")
class DemoDefaultScaleSqliteTest {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.sqlite(r);
    }

    @Autowired
    DemoData demo;

    @Autowired
    JdbcClient jdbc;

    @Test
    void defaultScaleLoadsAtLeastTheAdvertisedSize() {
        DemoSpec spec = new DemoSpec(20261123L, 1, LocalDate.of(2026, 11, 23));
        DemoReport report = demo.load(spec, DemoListener.NONE);

        assertThat(report.outcome()).isEqualTo(DemoReport.Outcome.LOADED);
        Map<String, Long> expected = demo.expectedCounts(spec);
        assertThat(DemoDataContract.tableCounts(jdbc, expected)).isEqualTo(DemoDataContract.withAdmin(expected));
        assertThat(DemoDataContract.count(jdbc, "contact")).isGreaterThanOrEqualTo(20_000);
        assertThat(DemoDataContract.count(jdbc, "activity")).isGreaterThanOrEqualTo(500_000);
        assertThat(DemoDataContract.count(jdbc, "account")).isGreaterThanOrEqualTo(2_000);
        assertThat(DemoDataContract.count(jdbc, "campaign")).isGreaterThanOrEqualTo(20);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT activity_type) FROM activity").query(Long.class).single())
                .isGreaterThanOrEqualTo(12);
    }
}
