package dev.baton.measurement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read side of the engagement rollup processor. */
public interface EngagementRollups {

    /** Name of the processor that maintains these rollups. */
    String PROCESSOR = "engagement-rollups";

    Optional<Engagement> forContact(long contactId);

    Optional<Engagement> forAccount(long accountId);

    /** Last activity time for each of the given contacts that has one (for lists). */
    Map<Long, Instant> lastActivityOfContacts(Collection<Long> contactIds);

    Map<Long, Instant> lastActivityOfAccounts(Collection<Long> accountIds);

    /** Daily activity counts by channel, inclusive of both days. */
    List<ChannelDay> channelTrend(LocalDate from, LocalDate to);
}
