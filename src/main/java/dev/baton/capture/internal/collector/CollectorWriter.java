package dev.baton.capture.internal.collector;

import dev.baton.capture.IdentityResolver;
import dev.baton.capture.internal.collector.SegmentMessages.SegmentMessage;
import dev.baton.people.AccountDirectory;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.Ids;
import dev.baton.platform.ConflictException;
import dev.baton.platform.NewActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the collector. Requests hand their messages to one writer thread, which takes everything
 * queued (waiting at most {@link #LINGER_MS} for more, up to {@link #MAX_MESSAGES}), resolves identities for all
 * of it in one {@link IdentityResolver} call, appends all activities in one {@link ActivityLog#append}
 * transaction, and only then completes each request's future. So an acknowledged event is a committed one,
 * and SQLite's single writer sees few, large transactions.
 *
 * <p>If a group fails, each request of it is retried alone (once more on an identity conflict), so one
 * request's problem fails only that request.
 */
@Component
class CollectorWriter implements DisposableBean {

    static final int LINGER_MS = 2;
    static final int MAX_MESSAGES = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(CollectorWriter.class);

    private record Job(List<SegmentMessage> messages, CompletableFuture<Integer> done) {
    }

    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final IdentityResolver resolver;
    private final ActivityLog log;
    private final TransactionTemplate tx;
    private final MessageDedupe dedupe;
    private final AccountDirectory accounts;
    private final ContactDirectory contacts;
    private final Thread writer;
    private volatile boolean running = true;

    CollectorWriter(IdentityResolver resolver, ActivityLog log, TransactionTemplate tx, MessageDedupe dedupe,
            AccountDirectory accounts, ContactDirectory contacts) {
        this.resolver = resolver;
        this.log = log;
        this.tx = tx;
        this.dedupe = dedupe;
        this.accounts = accounts;
        this.contacts = contacts;
        this.writer = new Thread(this::run, "collector-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Completes with the number of activities appended once they are committed. */
    CompletableFuture<Integer> submit(List<SegmentMessage> messages) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the collector is shutting down"));
            return done;
        }
        if (messages.isEmpty()) {
            done.complete(0);
            return done;
        }
        queue.add(new Job(messages, done));
        return done;
    }

    private void run() {
        List<Job> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                prune();
                if (first == null) {
                    continue;
                }
                group.add(first);
                int count = first.messages().size();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
                while (count < MAX_MESSAGES) {
                    Job next = queue.poll();
                    if (next == null) {
                        long wait = deadline - System.nanoTime();
                        if (wait <= 0) {
                            break;
                        }
                        next = queue.poll(wait, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                    }
                    group.add(next);
                    count += next.messages().size();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (Throwable t) {
                LOG.error("collector writer failed a group", t);
                for (Job j : group) {
                    j.done().completeExceptionally(t);
                }
            } finally {
                group.clear();
            }
        }
        for (Job j; (j = queue.poll()) != null;) {
            j.done().completeExceptionally(new IllegalStateException("the collector stopped"));
        }
    }

    /** Forgets expired messageIds now and then, in its own short transaction between groups. */
    private void prune() {
        try {
            tx.executeWithoutResult(status -> dedupe.pruneIfDue());
        } catch (RuntimeException e) {
            LOG.warn("could not prune the collector's dedupe window; retrying later: {}", e.toString());
        }
    }

    private void commit(List<Job> group) {
        List<SegmentMessage> all = new ArrayList<>();
        for (Job j : group) {
            all.addAll(j.messages());
        }
        try {
            append(all);
            for (Job j : group) {
                j.done().complete(j.messages().size());
            }
        } catch (RuntimeException e) {
            LOG.warn("collector group of {} requests failed; retrying each alone: {}", group.size(), e.toString());
            for (Job j : group) {
                try {
                    appendRetryingConflicts(j.messages());
                    j.done().complete(j.messages().size());
                } catch (RuntimeException single) {
                    j.done().completeExceptionally(single);
                }
            }
        }
    }

    /**
     * Another node (or another capture path) may have linked one of the group's new identities meanwhile; the
     * unique index refuses ours. A second try re-reads the identity table and sees theirs.
     */
    private void appendRetryingConflicts(List<SegmentMessage> messages) {
        try {
            append(messages);
        } catch (ConflictException e) {
            append(messages);
        }
    }

    /**
     * Identities, contacts and activities of a group in one transaction: one commit per group, and a group is
     * stored whole or not at all.
     */
    private void append(List<SegmentMessage> messages) {
        tx.executeWithoutResult(status -> appendInTransaction(messages));
    }

    private void appendInTransaction(List<SegmentMessage> all) {
        List<String> messageIds = new ArrayList<>(all.size());
        for (SegmentMessage m : all) {
            messageIds.add(m.messageId());
        }
        boolean[] store = dedupe.claim(messageIds);
        List<SegmentMessage> messages = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (store[i]) {
                messages.add(all.get(i));
            }
        }
        if (messages.isEmpty()) {
            return;
        }
        List<IdentityResolver.Claim> claims = new ArrayList<>(messages.size());
        for (SegmentMessage m : messages) {
            claims.add(m.claim());
        }
        List<IdentityResolver.Resolution> resolved = resolver.resolve(claims);
        List<NewActivity> activities = new ArrayList<>(messages.size() + 8);
        for (int i = 0; i < messages.size(); i++) {
            SegmentMessage m = messages.get(i);
            IdentityResolver.Resolution r = resolved.get(i);
            Long accountId = null;
            String props = m.props();
            if (m.group() != null) {
                AccountDirectory.ExternalUpsert account = accounts.upsertExternal(m.group().groupId(),
                        m.group().traits());
                accountId = account.accountId();
                boolean linked = r.contactId() != null && contacts.assignAccount(r.contactId(), accountId);
                // the activity carries both ids, so it shows on the contact's and on the account's timeline
                props = props.substring(0, props.length() - 1) + ",\"accountId\":\"" + Ids.format(accountId)
                        + "\",\"accountCreated\":" + account.created() + ",\"contactLinked\":" + linked + "}";
            }
            activities.add(new NewActivity(m.occurredAt(), m.activityType(), r.contactId(), accountId,
                    m.campaignId(), m.channel(), m.utm(), props));
            activities.addAll(r.activities());
        }
        log.append(activities);
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(30));
    }
}
