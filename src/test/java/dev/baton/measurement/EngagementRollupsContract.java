package dev.baton.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.people.ContactDeleted;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.NewActivity;
import dev.baton.platform.ProcessorRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rollup correctness on each engine: totals, by type, first/last, the 7/30/90-day windows against a
 * clock the test moves, list lookups, the channel trend, and removal when a contact is deleted.
 * Each subject's activities arrive both several in one batch (aggregated in memory) and spread
 * over batches (the upserts' update path); one batch carries more rows than one statement holds.
 */
@SpringBootTest(properties = "baton.processors.batch-size=1000")
@ActiveProfiles("test")
@Import(MovableClockConfig.class)
abstract class EngagementRollupsContract {

    @Autowired
    ActivityLog log;
    @Autowired
    ProcessorRuntime runtime;
    @Autowired
    EngagementRollups rollups;
    @Autowired
    MovableClock clock;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;

    static long randomId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    private static NewActivity at(Instant when, String type, Long contact, Long account, String channel) {
        return new NewActivity(when, type, contact, account, null, channel, null, null);
    }

    private void appendAndDrain(List<NewActivity> activities) {
        log.append(activities);
        runtime.drain(EngagementRollups.PROCESSOR);
        runtime.drain(ActivityLog.INDEX_PROCESSOR); // counts by type and window come from the subject index
    }

    @Test
    void countsTotalsTypesAndWindowsInWholeUtcDaysEndingToday() {
        Instant now = Instant.parse("2031-05-20T12:00:00Z");
        clock.set(now);
        Instant today0 = Instant.parse("2031-05-20T00:00:00Z");
        long contact = randomId();
        long account = randomId();
        List<NewActivity> list = new ArrayList<>();
        list.add(at(today0.plusSeconds(10), "page_view", contact, account, "direct"));          // 7,30,90
        list.add(at(today0.minus(Duration.ofDays(6)), "email_opened", contact, account, "email")); // 7,30,90 (first second of day -6)
        list.add(at(today0.minus(Duration.ofDays(6)).plusSeconds(86_399), "email_opened", contact, null, "email"));
        list.add(at(today0.minusMillis(6 * 86_400_000L + 1), "page_view", contact, account, null)); // day -7: 30,90
        list.add(at(today0.minus(Duration.ofDays(29)), "form_submitted", contact, account, "paid_search")); // 30,90
        list.add(at(today0.minus(Duration.ofDays(30)), "page_view", contact, account, "paid_search")); // 90
        list.add(at(today0.minus(Duration.ofDays(89)), "page_view", contact, account, null));  // 90
        list.add(at(today0.minus(Duration.ofDays(90)), "page_view", contact, account, null));  // none
        list.add(at(today0.minus(Duration.ofDays(400)), "webinar_attended", contact, account, "webinar")); // first
        list.add(at(today0.plus(Duration.ofDays(1)), "page_view", contact, account, null)); // future: total only
        list.add(at(today0.plusSeconds(20), "page_view", randomId(), null, "direct")); // someone else
        appendAndDrain(list.subList(0, 6));
        appendAndDrain(list.subList(6, list.size())); // second pass hits the update path of every upsert

        Engagement c = rollups.forContact(contact).orElseThrow();
        assertThat(c.total()).isEqualTo(10);
        assertThat(c.last7Days()).isEqualTo(3);
        assertThat(c.last30Days()).isEqualTo(5);
        assertThat(c.last90Days()).isEqualTo(7);
        assertThat(c.firstActivityAt()).isEqualTo(today0.minus(Duration.ofDays(400)));
        assertThat(c.lastActivityAt()).isEqualTo(today0.plus(Duration.ofDays(1)));
        assertThat(c.byType()).containsExactly(Map.entry("page_view", 6L), Map.entry("email_opened", 2L),
                Map.entry("form_submitted", 1L), Map.entry("webinar_attended", 1L));

        Engagement a = rollups.forAccount(account).orElseThrow();
        assertThat(a.total()).isEqualTo(9);
        assertThat(a.last7Days()).isEqualTo(2);
        assertThat(a.last30Days()).isEqualTo(4);
        assertThat(a.last90Days()).isEqualTo(6);
        assertThat(a.byType()).containsEntry("email_opened", 1L).containsEntry("page_view", 6L);

        // A day later the windows move by one day; nothing was reprocessed.
        clock.set(now.plus(Duration.ofDays(1)));
        Engagement tomorrow = rollups.forContact(contact).orElseThrow();
        assertThat(tomorrow.total()).isEqualTo(10);
        assertThat(tomorrow.last7Days()).isEqualTo(2); // day -6 (two) drops out, the future one comes in
        assertThat(tomorrow.last30Days()).isEqualTo(5); // day -29 drops out, the future one comes in
        assertThat(tomorrow.last90Days()).isEqualTo(7); // day -89 drops out, the future one comes in
        clock.set(now.plus(Duration.ofDays(8)));
        Engagement later = rollups.forContact(contact).orElseThrow();
        assertThat(later.last7Days()).isZero();
        assertThat(later.last30Days()).isEqualTo(5);
        assertThat(later.last90Days()).isEqualTo(7);
        assertThat(later.total()).isEqualTo(10);

        assertThat(rollups.forContact(randomId())).isEmpty();
        assertThat(rollups.forAccount(contact)).as("kinds are separate").isEmpty();
    }

    @Test
    void manyDistinctSubjectsInOneBatchAndListLookups() {
        clock.set(Instant.parse("2032-01-10T09:00:00Z"));
        Instant t = Instant.parse("2032-01-10T08:00:00Z");
        List<Long> contacts = new ArrayList<>();
        List<NewActivity> list = new ArrayList<>();
        for (int i = 0; i < 700; i++) { // more rows than one multi-row statement holds
            long contact = randomId();
            contacts.add(contact);
            list.add(at(t.plusMillis(i), "page_view", contact, null, "organic_search"));
        }
        log.append(list);
        runtime.drain(EngagementRollups.PROCESSOR);
        runtime.drain(ActivityLog.INDEX_PROCESSOR); // counts by type and window come from the subject index

        Map<Long, Instant> last = rollups.lastActivityOfContacts(contacts);
        assertThat(last).hasSize(700);
        for (int i = 0; i < 700; i++) {
            assertThat(last.get(contacts.get(i))).isEqualTo(t.plusMillis(i));
            assertThat(rollups.forContact(contacts.get(i)).orElseThrow().total()).isEqualTo(1);
        }
        long unknown = randomId();
        List<Long> some = new ArrayList<>(contacts.subList(0, 3));
        some.add(unknown);
        some.add(contacts.get(0));
        assertThat(rollups.lastActivityOfContacts(some)).containsOnlyKeys(contacts.subList(0, 3));
        assertThat(rollups.lastActivityOfContacts(List.of())).isEmpty();
        assertThat(rollups.lastActivityOfAccounts(contacts.subList(0, 5))).isEmpty();
    }

    @Test
    void lastActivityOfAccounts() {
        long account = randomId();
        Instant t = Instant.parse("2033-03-03T03:03:03Z");
        appendAndDrain(List.of(at(t, "page_view", randomId(), account, null),
                at(t.minusSeconds(5), "page_view", randomId(), account, null)));
        assertThat(rollups.lastActivityOfAccounts(List.of(account, randomId()))).containsExactly(Map.entry(account, t));
    }

    @Test
    void channelTrendCountsEachUtcDayAndChannelInclusive() {
        LocalDate d1 = LocalDate.of(2034, 7, 1);
        Instant day1 = d1.atStartOfDay(ZoneOffset.UTC).toInstant();
        appendAndDrain(List.of(
                at(day1, "page_view", null, null, "email"),
                at(day1.plusSeconds(86_399), "page_view", randomId(), null, "email"),
                at(day1.plusSeconds(3600), "page_view", null, null, null),
                at(day1.plus(Duration.ofDays(1)), "page_view", null, null, "paid_search"),
                at(day1.plus(Duration.ofDays(2)), "page_view", null, null, "email"),
                at(day1.minusMillis(1), "page_view", null, null, "email")));

        assertThat(rollups.channelTrend(d1, d1.plusDays(1))).containsExactly(
                new ChannelDay(d1, "email", 2), new ChannelDay(d1, "none", 1),
                new ChannelDay(d1.plusDays(1), "paid_search", 1));
        assertThat(rollups.channelTrend(d1.minusDays(1), d1.minusDays(1)))
                .containsExactly(new ChannelDay(d1.minusDays(1), "email", 1));
        assertThat(rollups.channelTrend(d1.plusDays(5), d1.plusDays(9))).isEmpty();
    }

    @Test
    void deletingAContactRemovesItsRollupsButNotItsAccounts() {
        long contact = randomId();
        long keep = randomId();
        long account = randomId();
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        appendAndDrain(List.of(at(t, "page_view", contact, account, null), at(t, "page_view", keep, account, null)));
        assertThat(rollups.forContact(contact)).isPresent();

        tx.executeWithoutResult(s -> events.publishEvent(new ContactDeleted(contact)));

        assertThat(rollups.forContact(contact)).isEmpty();
        assertThat(rollups.lastActivityOfContacts(List.of(contact, keep))).containsOnlyKeys(keep);
        assertThat(rollups.forAccount(account).orElseThrow().total()).isEqualTo(2);
    }
}

/** A clock the test moves; replaces the application's system clock. */
@TestConfiguration(proxyBeanMethods = false)
class MovableClockConfig {
    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
    }
}

class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
        this.now = now;
    }

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
