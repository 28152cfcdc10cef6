package dev.baton.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.lifecycle.OpportunityStage;
import dev.baton.people.LifecycleStage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ViewFormatTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final ViewFormat berlin = new ViewFormat(ZoneId.of("Europe/Berlin"), Clock.fixed(NOW, ZoneOffset.UTC));
    final ViewFormat utc = new ViewFormat(ZoneId.of("UTC"), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void timesAreShownInTheUsersZone() {
        Instant at = Instant.parse("2026-11-22T23:30:00Z");
        assertThat(utc.dateTime(at)).isEqualTo("Nov 22, 2026, 23:30");
        assertThat(berlin.dateTime(at)).isEqualTo("Nov 23, 2026, 00:30");
        assertThat(berlin.dayHeading(at)).isEqualTo("Today");
        assertThat(utc.dayHeading(at)).isEqualTo("Yesterday");
        assertThat(utc.dateTime(null)).isEqualTo("—");
    }

    @Test
    void relativeTimes() {
        assertThat(utc.ago(NOW.minusSeconds(20))).isEqualTo("just now");
        assertThat(utc.ago(NOW.minusSeconds(5 * 60))).isEqualTo("5 min ago");
        assertThat(utc.ago(NOW.minusSeconds(3 * 3600))).isEqualTo("3 h ago");
        assertThat(utc.ago(NOW.minusSeconds(86_400 + 60))).isEqualTo("yesterday");
        assertThat(utc.ago(NOW.minusSeconds(12 * 86_400))).isEqualTo("12 days ago");
        assertThat(utc.ago(NOW.minusSeconds(100 * 86_400))).isEqualTo("Aug 15, 2026");
        assertThat(utc.ago(null)).isEqualTo("never");
    }

    @Test
    void moneyFromMinorUnits() {
        assertThat(utc.money(123_45, "USD")).isEqualTo("$123.45");
        assertThat(utc.money(500_00, "USD")).isEqualTo("$500");
        assertThat(utc.money(4_800_000_00L, "USD")).isEqualTo("$4,800,000");
        assertThat(utc.money(1_234_56, "EUR")).isEqualTo("€1,235");
        assertThat(utc.money(1_000, "JPY")).isEqualTo("¥1,000");
        assertThat(utc.money(12_34, "XXX1")).isEqualTo("12 XXX1");
        assertThat(utc.moneyCompact(4_800_000L, "USD")).isEqualTo("$48K");
        assertThat(utc.moneyCompact(2_050_000_000L, "USD")).isEqualTo("$20.5M");
        assertThat(utc.moneyCompact(999_00L, "USD")).isEqualTo("$999");
        assertThat(utc.wholeMoney(6_500_000_000L, "USD")).isEqualTo("$6.5B");
    }

    @Test
    void numbersAndLabels() {
        assertThat(utc.num(21_000)).isEqualTo("21,000");
        assertThat(utc.compact(539_462)).isEqualTo("539K");
        assertThat(utc.compact(9_999)).isEqualTo("9,999");
        assertThat(utc.compact(1_250_000)).isEqualTo("1.3M");
        assertThat(utc.percent(1, 3)).isEqualTo(33);
        assertThat(utc.percent(5, 0)).isZero();
        assertThat(utc.percent(150, 100)).isEqualTo(100);
        assertThat(utc.label(OpportunityStage.CLOSED_WON)).isEqualTo("Closed won");
        assertThat(utc.label(LifecycleStage.MQL)).isEqualTo("MQL");
        assertThat(utc.label("email.opened")).isEqualTo("Email opened");
        assertThat(utc.channel("paid_search")).isEqualTo("Paid search");
        assertThat(utc.channel("none")).isEqualTo("Unattributed");
        assertThat(utc.channel("tiktok_live")).isEqualTo("Tiktok live");
        assertThat(utc.badge(OpportunityStage.CLOSED_LOST)).contains("badge-red");
        assertThat(utc.initials("Ada Lovelace")).isEqualTo("AL");
        assertThat(utc.initials("  ")).isEqualTo("?");
    }

    @Test
    void dateRanges() {
        assertThat(utc.range(LocalDate.of(2026, 10, 22), LocalDate.of(2026, 11, 12))).isEqualTo("Oct 22 – Nov 12, 2026");
        assertThat(utc.range(LocalDate.of(2025, 12, 23), LocalDate.of(2026, 1, 13)))
                .isEqualTo("Dec 23, 2025 – Jan 13, 2026");
        assertThat(utc.range(LocalDate.of(2026, 1, 1), null)).isEqualTo("Jan 1, 2026 – …");
        assertThat(utc.range(null, null)).isEqualTo("—");
    }
}
