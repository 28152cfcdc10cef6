package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The activity log's contract, run on each engine. Tests share one database per engine, so each
 * works on its own random contact/account/campaign ids and on ids above the log's end.
 */
@SpringBootTest
@ActiveProfiles("test")
abstract class ActivityLogContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    ProcessorRuntime runtime;

    @Autowired
    ActivityLog log;

    static long randomId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    static NewActivity activity(Instant at, String type, Long contact, Long account) {
        return new NewActivity(at, type, contact, account, null, null, null, null);
    }

    @Test
    void appendAssignsIncreasingIdsAndRoundTripsEveryField() {
        long contact = randomId();
        long account = randomId();
        long campaign = randomId();
        long before = log.lastId();
        var full = new NewActivity(T0, "form_submitted", contact, account, campaign, "paid_search",
                new Activity.Utm("google", "cpc", "spring-launch", "mops software", "ad-1"),
                "{\"form\":\"demo-request\",\"score\":5}");
        var bare = new NewActivity(T0.plusSeconds(1), "page_view", null, null, null, null, null, null);

        List<Long> ids = log.append(List.of(full, bare, activity(T0, "page_view", contact, null)));

        assertThat(ids).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(ids.get(0)).isGreaterThan(before);
        assertThat(log.lastId()).isEqualTo(ids.get(2));
        List<Activity> read = log.readAfter(before, 10);
        assertThat(read).extracting(Activity::id).containsExactlyElementsOf(ids);
        Activity a = read.get(0);
        assertThat(a.occurredAt()).isEqualTo(T0);
        assertThat(a.recordedAt()).isNotNull();
        assertThat(a.type()).isEqualTo("form_submitted");
        assertThat(a.contactId()).isEqualTo(contact);
        assertThat(a.accountId()).isEqualTo(account);
        assertThat(a.campaignId()).isEqualTo(campaign);
        assertThat(a.channel()).isEqualTo("paid_search");
        assertThat(a.utm()).isEqualTo(new Activity.Utm("google", "cpc", "spring-launch", "mops software", "ad-1"));
        assertThat(a.props()).isEqualTo("{\"form\":\"demo-request\",\"score\":5}");
        Activity b = read.get(1);
        assertThat(b.contactId()).isNull();
        assertThat(b.accountId()).isNull();
        assertThat(b.campaignId()).isNull();
        assertThat(b.channel()).isNull();
        assertThat(b.utm()).isEqualTo(Activity.Utm.NONE);
        assertThat(b.props()).isNull();
        assertThat(log.find(ids.get(0))).contains(a);
        assertThat(log.find(ids.get(2) + 1_000_000)).isEmpty();
        assertThat(log.append(List.of())).isEmpty();
    }

    @Test
    void readAfterPagesThroughTheLogInIdOrder() {
        long before = log.lastId();
        long contact = randomId();
        List<NewActivity> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(activity(T0.minusSeconds(i), "page_view", contact, null)); // occurredAt deliberately descending
        }
        List<Long> ids = log.append(batch);

        List<Long> seen = new ArrayList<>();
        long offset = before;
        List<Activity> page;
        while (!(page = log.readAfter(offset, 7)).isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(7);
            page.forEach(a -> seen.add(a.id()));
            offset = page.get(page.size() - 1).id();
        }
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(log.readAfter(log.lastId(), 10)).isEmpty();
    }

    @Test
    void countsAllAndAfterAnOffset() {
        long countBefore = log.count();
        long before = log.lastId();
        List<Long> ids = log.append(List.of(activity(T0, "page_view", null, null),
                activity(T0, "page_view", null, null), activity(T0, "page_view", null, null)));

        assertThat(log.count()).isEqualTo(countBefore + 3);
        assertThat(log.countAfter(before)).isEqualTo(3);
        assertThat(log.countAfter(ids.get(0))).isEqualTo(2);
        assertThat(log.countAfter(ids.get(2))).isZero();
    }

    /**
     * Processors read "everything after my offset", which is only exact if ids are handed out in commit
     * order. A reader tails the log while writers append concurrently: if a smaller id ever committed
     * after a larger one had been read, the tail would skip it and the counts would differ.
     */
    @Test
    void concurrentAppendersCommitInIdOrderSoATailingReaderMissesNothing() throws Exception {
        int writers = 3;
        int appendsPerWriter = 40;
        int perAppend = 25;
        long start = log.lastId();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            AtomicBoolean writing = new AtomicBoolean(true);
            CountDownLatch go = new CountDownLatch(1);
            Future<List<Long>> tail = pool.submit(() -> {
                List<Long> seen = new ArrayList<>();
                long offset = start;
                go.await();
                while (true) {
                    boolean last = !writing.get(); // read once more after the writers are done
                    List<Activity> page = log.readAfter(offset, 500);
                    for (Activity a : page) {
                        seen.add(a.id());
                    }
                    if (!page.isEmpty()) {
                        offset = page.get(page.size() - 1).id();
                    } else if (last) {
                        return seen;
                    }
                }
            });
            List<Future<List<List<Long>>>> appenders = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long contact = randomId();
                appenders.add(pool.submit(() -> {
                    go.await();
                    List<List<Long>> mine = new ArrayList<>();
                    for (int i = 0; i < appendsPerWriter; i++) {
                        List<NewActivity> batch = new ArrayList<>();
                        for (int j = 0; j < perAppend; j++) {
                            batch.add(activity(T0, "page_view", contact, null));
                        }
                        mine.add(log.append(batch));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<List<Long>> batches = new ArrayList<>();
            for (var f : appenders) {
                batches.addAll(f.get(120, TimeUnit.SECONDS));
            }
            writing.set(false);
            List<Long> seen = tail.get(120, TimeUnit.SECONDS);

            List<Long> appended = batches.stream().flatMap(List::stream).sorted().toList();
            assertThat(appended).hasSize(writers * appendsPerWriter * perAppend).doesNotHaveDuplicates();
            assertThat(seen).as("the tail saw every id exactly once, in increasing order")
                    .containsExactlyElementsOf(appended);
            // Each append holds the lock for its whole batch: no other batch's id falls inside its range.
            TreeSet<Long> all = new TreeSet<>(appended);
            for (List<Long> b : batches) {
                Set<Long> inRange = all.subSet(b.get(0), true, b.get(b.size() - 1), true);
                assertThat(inRange).hasSize(b.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listFiltersNewestFirst() {
        long contact = randomId();
        long otherContact = randomId();
        long account = randomId();
        long campaign = randomId();
        List<Long> ids = log.append(List.of(
                new NewActivity(T0, "page_view", contact, account, null, "organic_search", null, null),
                new NewActivity(T0.plusSeconds(60), "email_opened", contact, account, campaign, "email", null, null),
                new NewActivity(T0.plusSeconds(120), "email_clicked", contact, null, campaign, "email", null, null),
                new NewActivity(T0.plusSeconds(180), "page_view", otherContact, account, null, "direct", null, null)));
        long a0 = ids.get(0);
        long a1 = ids.get(1);
        long a2 = ids.get(2);
        long a3 = ids.get(3);
        // subject filters read the index that the activity-index processor maintains
        assertThat(ids(new ActivityQuery(contact, null, null, null, null, null, null, null, 50))).isEmpty();
        runtime.drain(ActivityLog.INDEX_PROCESSOR);

        assertThat(ids(new ActivityQuery(contact, null, null, null, null, null, null, null, 50)))
                .containsExactly(a2, a1, a0);
        assertThat(ids(new ActivityQuery(null, account, null, null, null, null, null, null, 50)))
                .containsExactly(a3, a1, a0);
        assertThat(ids(new ActivityQuery(null, null, campaign, null, null, null, null, null, 50)))
                .containsExactly(a2, a1);
        assertThat(ids(new ActivityQuery(contact, null, null, "page_view", null, null, null, null, 50)))
                .containsExactly(a0);
        assertThat(ids(new ActivityQuery(null, account, null, null, "email", null, null, null, 50)))
                .containsExactly(a1);
        // since is inclusive, until exclusive
        assertThat(ids(new ActivityQuery(contact, null, null, null, null, T0.plusSeconds(60), T0.plusSeconds(120),
                null, 50))).containsExactly(a1);
        assertThat(ids(new ActivityQuery(contact, null, null, null, null, null, null, a2, 50)))
                .containsExactly(a1, a0);
        assertThat(ids(new ActivityQuery(contact, null, null, null, null, null, null, null, 2)))
                .containsExactly(a2, a1);
        assertThat(ids(new ActivityQuery(contact, account, campaign, "email_opened", "email", null, null, null, 50)))
                .containsExactly(a1);
        assertThat(ids(new ActivityQuery(randomId(), null, null, null, null, null, null, null, 50))).isEmpty();
    }

    private List<Long> ids(ActivityQuery query) {
        return log.list(query).stream().map(Activity::id).toList();
    }

    @Test
    void timelinePagesNewestFirstThroughEqualTimestampsWithoutGapsOrRepeats() {
        long contact = randomId();
        long account = randomId();
        // Several activities share an occurredAt, and they are appended out of time order.
        List<Instant> times = List.of(T0, T0.plusSeconds(30), T0, T0.plusSeconds(30), T0, T0.minusSeconds(30),
                T0.plusSeconds(30), T0, T0.minusSeconds(30));
        List<NewActivity> batch = new ArrayList<>();
        for (Instant t : times) {
            batch.add(activity(t, "page_view", contact, account));
        }
        log.append(batch.subList(0, 4));
        log.append(batch.subList(4, batch.size()));
        log.append(List.of(activity(T0, "page_view", randomId(), randomId()))); // someone else's
        runtime.drain(ActivityLog.INDEX_PROCESSOR);

        for (ActivityLog.SubjectKind kind : List.of(ActivityLog.SubjectKind.CONTACT, ActivityLog.SubjectKind.ACCOUNT)) {
            long subject = kind == ActivityLog.SubjectKind.CONTACT ? contact : account;
            List<Activity> all = log.timeline(kind, subject, null, 100);
            assertThat(all).hasSize(times.size());
            List<Activity> expected = new ArrayList<>(all);
            expected.sort((x, y) -> x.occurredAt().equals(y.occurredAt()) ? Long.compare(y.id(), x.id())
                    : y.occurredAt().compareTo(x.occurredAt()));
            assertThat(all).containsExactlyElementsOf(expected);

            for (int pageSize : new int[] {1, 2, 4}) {
                List<Activity> paged = new ArrayList<>();
                ActivityLog.TimelineCursor cursor = null;
                List<Activity> page;
                do {
                    page = log.timeline(kind, subject, cursor, pageSize);
                    assertThat(page.size()).isLessThanOrEqualTo(pageSize);
                    paged.addAll(page);
                    if (!page.isEmpty()) {
                        Activity lastShown = page.get(page.size() - 1);
                        // The cursor travels through URLs as text.
                        cursor = ActivityLog.TimelineCursor.parse(
                                new ActivityLog.TimelineCursor(lastShown.occurredAt(), lastShown.id()).format());
                    }
                } while (!page.isEmpty());
                assertThat(paged).as("page size %d", pageSize).containsExactlyElementsOf(all);
            }
        }
    }

    @Test
    void timelineCursorTextRejectsGarbage() {
        var cursor = new ActivityLog.TimelineCursor(T0, Ids.next());
        assertThat(ActivityLog.TimelineCursor.parse(cursor.format())).isEqualTo(cursor);
        assertThat(ActivityLog.TimelineCursor.parse(null)).isNull();
        assertThat(ActivityLog.TimelineCursor.parse(" ")).isNull();
        for (String bad : List.of("abc", "_0ABCDEFGHJKM", "12_notanid", "x1_" + Ids.format(Ids.next()))) {
            assertThatThrownBy(() -> ActivityLog.TimelineCursor.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
