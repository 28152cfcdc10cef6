package dev.baton.platform;

import java.time.Instant;
import java.util.List;

/**
 * The append-only, ordered activity log: the spine every processor reads. Ids are assigned while
 * the append lock is held, so id order is commit order and "everything after my offset" is exact.
 */
public interface ActivityLog {

    /** Appends in one transaction; returns the assigned ids in input order. */
    List<Long> append(List<NewActivity> activities);

    /** Activities with id greater than {@code afterId}, in id order. */
    List<Activity> readAfter(long afterId, int limit);

    /** Highest id in the log, or 0 when empty. */
    long lastId();

    long countAfter(long afterId);

    long count();

    java.util.Optional<Activity> find(long id);

    /**
     * Activities matching the filters, newest id first. Filters by contact, account or campaign see what
     * the activity-index processor has applied (normally within a second of the append).
     */
    List<Activity> list(ActivityQuery query);

    /**
     * A contact's, account's or campaign's timeline, newest first. The cursor is the (occurredAt, id) of
     * the last entry already shown, or null for the first page. Like subject filters of {@link #list},
     * it reads the subject index that the activity-index processor ({@link #INDEX_PROCESSOR}) maintains.
     */
    List<Activity> timeline(SubjectKind kind, long subjectId, TimelineCursor before, int limit);

    /**
     * Per activity type, how many activities the subject has: in all, and from each of {@code since7},
     * {@code since30}, {@code since90} up to (excluding) {@code until}. Read from the subject index.
     */
    List<TypeCount> typeCounts(SubjectKind kind, long subjectId, Instant since7, Instant since30, Instant since90,
            Instant until);

    record TypeCount(String type, long total, long last7, long last30, long last90) {
    }

    /**
     * Moves a contact's entries in the subject index to another contact (a merge). The log itself is not
     * rewritten: the activity-index processor resolves merged ids through {@link ContactAliases}, so a rebuild
     * gives the same index. Runs in the caller's transaction.
     */
    void moveContactIndex(long fromContactId, long toContactId);

    /** Name of the processor that maintains the subject index behind timelines and subject filters. */
    String INDEX_PROCESSOR = "activity-index";

    /** Whose timeline: the stored code is the subject_kind column of activity_subject. */
    enum SubjectKind {
        CONTACT(1), ACCOUNT(2), CAMPAIGN(3);

        private final int code;

        SubjectKind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    record TimelineCursor(Instant occurredAt, long id) {
        public String format() {
            return occurredAt.toEpochMilli() + "_" + Ids.format(id);
        }

        /** Returns null for a missing or malformed cursor. */
        public static TimelineCursor parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            int sep = text.indexOf('_');
            if (sep < 1 || !Ids.isValid(text.substring(sep + 1))) {
                throw new IllegalArgumentException("cursor is malformed");
            }
            try {
                return new TimelineCursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, sep))),
                        Ids.parse(text.substring(sep + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor is malformed");
            }
        }
    }
}
