package dev.baton.demo.internal;

import dev.baton.demo.DemoData;
import dev.baton.demo.DemoListener;
import dev.baton.demo.DemoReport;
import dev.baton.demo.DemoSpec;
import dev.baton.demo.internal.DemoPlan.AccountSpec;
import dev.baton.demo.internal.DemoPlan.CampaignSpec;
import dev.baton.demo.internal.DemoPlan.ConsentSpec;
import dev.baton.demo.internal.DemoPlan.ContactSpec;
import dev.baton.demo.internal.DemoPlan.CostSpec;
import dev.baton.demo.internal.DemoPlan.MemberSpec;
import dev.baton.demo.internal.DemoPlan.OpportunitySpec;
import dev.baton.demo.internal.DemoPlan.RoleSpec;
import dev.baton.demo.internal.DemoPlan.TeamSpec;
import dev.baton.demo.internal.DemoPlan.UserSpec;
import dev.baton.governance.ConsentLedger;
import dev.baton.governance.ConsentRecord;
import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.OpportunityDraft;
import dev.baton.lifecycle.Pipeline;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignMember;
import dev.baton.management.CostEntryDraft;
import dev.baton.people.AccountDirectory;
import dev.baton.people.AccountDraft;
import dev.baton.people.ContactDirectory;
import dev.baton.people.IdentityKind;
import dev.baton.people.ContactDraft;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.NewActivity;
import dev.baton.platform.ProcessorRuntime;
import dev.baton.platform.ProcessorStatus;
import dev.baton.platform.UserDirectory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo company stage by stage. Each stage's rows and its completion record in
 * {@code job_run} commit in one transaction, so after a crash a stage is either wholly there or not
 * at all, and a restart continues with the first stage that is not recorded. Activities are one
 * stage per month.
 */
@Service
class DemoLoader implements DemoData {

    private static final Logger log = LoggerFactory.getLogger("dev.baton.demo");

    static final int ACTIVITY_BATCH = 20_000;
    private static final int CONTACT_BATCH = 5_000;
    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";

    private final UserDirectory users;
    private final AccountDirectory accountDirectory;
    private final ContactDirectory contactDirectory;
    private final CampaignManagement campaignManagement;
    private final Pipeline pipeline;
    private final ConsentLedger consentLedger;
    private final ActivityLog activityLog;
    private final ProcessorRuntime processors;
    private final DemoJobs jobs;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    DemoLoader(UserDirectory users, AccountDirectory accountDirectory, ContactDirectory contactDirectory,
            CampaignManagement campaignManagement, Pipeline pipeline, ConsentLedger consentLedger,
            ActivityLog activityLog, ProcessorRuntime processors, DemoJobs jobs, JdbcClient jdbc,
            TransactionTemplate tx) {
        this.users = users;
        this.accountDirectory = accountDirectory;
        this.contactDirectory = contactDirectory;
        this.campaignManagement = campaignManagement;
        this.pipeline = pipeline;
        this.consentLedger = consentLedger;
        this.activityLog = activityLog;
        this.processors = processors;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Map<String, Long> expectedCounts(DemoSpec spec) {
        return DemoPlan.generate(spec).counts();
    }

    @Override
    public Optional<Status> status() {
        return jobs.find(JOB).map(row -> new Status(row.status(), row.progress(), row.total(),
                row.detail() == null ? null : DemoSpec.parse(row.detail())));
    }

    @Override
    public DemoReport load(DemoSpec requested, DemoListener listener) {
        Optional<DemoJobs.JobRow> existing = jobs.find(JOB);
        DemoSpec spec = requested;
        boolean resumed = false;
        if (existing.isPresent()) {
            DemoSpec started = DemoSpec.parse(existing.get().detail());
            if (COMPLETED.equals(existing.get().status())) {
                log.info("Demo data already loaded ({}); skipping", started.describe());
                return new DemoReport(started, DemoReport.Outcome.ALREADY_LOADED, Map.of(), 0, Duration.ZERO,
                        Duration.ZERO);
            }
            if (!started.equals(requested)) {
                log.info("Resuming the demo load started with {} (requested {})", started.describe(),
                        requested.describe());
            }
            spec = started;
            resumed = true;
        } else if (jobs.contactCount() > 0) {
            log.warn("Not loading demo data: the database already holds contacts. Demo data is loaded only into "
                    + "an empty database (use a fresh BATON_DATA_DIR).");
            return new DemoReport(requested, DemoReport.Outcome.REFUSED_NOT_EMPTY, Map.of(), 0, Duration.ZERO,
                    Duration.ZERO);
        }
        long began = System.nanoTime();
        DemoPlan plan = DemoPlan.generate(spec);
        Map<String, Long> counts = plan.counts();
        long total = counts.get("account") + counts.get("contact") + counts.get("campaign") + counts.get("cost_entry")
                + counts.get("campaign_member") + counts.get("opportunity") + counts.get("consent_record")
                + counts.get("activity");
        Map<String, DemoJobs.JobRow> done = jobs.findAll(JOB + ".");
        long alreadyDone = done.values().stream().mapToLong(DemoJobs.JobRow::progress).sum();
        if (!resumed) {
            jobs.save(JOB, RUNNING, 0, total, spec.describe());
        }
        log.info("{} demo data: {} accounts, {} contacts, {} campaigns, {} opportunities, {} activities over {} .. {}"
                        + " ({})", resumed ? "Resuming" : "Loading", counts.get("account"), counts.get("contact"),
                counts.get("campaign"), counts.get("opportunity"), counts.get("activity"), plan.start,
                plan.end.minusDays(1), spec.describe());
        Run run = new Run(plan, listener, new ProgressBar(log, "demo", total, alreadyDone), done, total);
        // Users are created one by one (each password is hashed on purpose slowly), in parallel and outside the
        // stage transaction; the stage is idempotent instead: existing users are skipped.
        run.stage("users", 0, run::users, false);
        run.stage("accounts", counts.get("account"), run::accounts);
        run.stage("contacts", counts.get("contact"), run::contacts);
        run.stage("campaigns", counts.get("campaign") + counts.get("cost_entry"), run::campaigns);
        run.stage("members", counts.get("campaign_member"), run::members);
        run.stage("opportunities", counts.get("opportunity"), run::opportunities);
        run.stage("consent", counts.get("consent_record"), run::consents);
        for (int m = 0; m < DemoPlan.MONTHS; m++) {
            int month = m;
            run.stage(activityStage(plan, m), plan.monthQuota[m], rows -> run.activities(month, rows));
        }
        run.progress.finish("data written");
        Duration loadTime = Duration.ofNanos(System.nanoTime() - began);
        long drainStart = System.nanoTime();
        drainProcessors();
        Duration processTime = Duration.ofNanos(System.nanoTime() - drainStart);
        jobs.save(JOB, COMPLETED, total, total, spec.describe());
        log.info("Demo data loaded in {} s (processing {} s)", String.format(Locale.ROOT, "%.1f",
                loadTime.toMillis() / 1000.0), String.format(Locale.ROOT, "%.1f", processTime.toMillis() / 1000.0));
        return new DemoReport(spec, resumed ? DemoReport.Outcome.RESUMED : DemoReport.Outcome.LOADED, counts,
                run.stagesRun, loadTime, processTime);
    }

    static String activityStage(DemoPlan plan, int month) {
        LocalDate from = plan.monthStart(month);
        return String.format(Locale.ROOT, "activities-%02d (%s)", month + 1, from);
    }

    /** Drains every processor with a progress bar, so the UI shows rollups as soon as the load ends. */
    private void drainProcessors() {
        List<ProcessorStatus> status = processors.status();
        long lag = status.stream().mapToLong(ProcessorStatus::lag).sum();
        if (lag == 0) {
            return;
        }
        ProgressBar bar = new ProgressBar(log, "processing", lag, 0);
        for (ProcessorStatus s : status) {
            long remaining = s.lag();
            while (remaining > 0) {
                int n = processors.runOnce(s.name());
                if (n == 0) {
                    // Another node (or the scheduler) holds this processor's offset right now.
                    remaining = processors.status().stream().filter(p -> p.name().equals(s.name()))
                            .mapToLong(ProcessorStatus::lag).sum();
                    if (remaining > 0) {
                        sleep();
                    }
                    continue;
                }
                remaining -= n;
                bar.advance(n, s.name());
            }
        }
        bar.complete("processors caught up"); // the scheduler may have applied part of it
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining processors", e);
        }
    }

    /** One load: the plan, what is already done, and the ids of what exists. */
    private final class Run {
        final DemoPlan plan;
        final DemoListener listener;
        final ProgressBar progress;
        final Map<String, DemoJobs.JobRow> done;
        final long total;
        int stagesRun;
        long[] userIds;
        long[] teamIds;
        long[] accountIds;
        long[] contactIds;
        long[] campaignIds;
        ActivityGenerator generator;
        long stageRows;

        Run(DemoPlan plan, DemoListener listener, ProgressBar progress, Map<String, DemoJobs.JobRow> done,
                long total) {
            this.plan = plan;
            this.listener = listener;
            this.progress = progress;
            this.done = done;
            this.total = total;
        }

        interface StageWork {
            void write(LongConsumer rowsWritten);
        }

        void stage(String name, long rows, StageWork work) {
            stage(name, rows, work, true);
        }

        void stage(String name, long rows, StageWork work, boolean transactional) {
            String key = JOB + "." + name;
            if (done.containsKey(key)) {
                return;
            }
            stageRows = 0;
            LongConsumer written = n -> {
                stageRows += n;
                progress.advance(n, name);
                listener.chunkWritten(name, stageRows);
            };
            if (!transactional) {
                work.write(written); // idempotent: safe to repeat after a crash
            }
            tx.executeWithoutResult(status -> {
                if (transactional) {
                    work.write(written);
                }
                jobs.save(key, COMPLETED, rows, rows, null);
                jobs.save(JOB, RUNNING, progress.done(), total, plan.spec.describe());
            });
            stagesRun++;
            listener.stageCompleted(name);
        }

        // ------------------------------------------------------------ id lookups (also after a restart)

        long[] users() {
            if (userIds == null) {
                userIds = new long[plan.users.size()];
                for (int i = 0; i < userIds.length; i++) {
                    String email = plan.users.get(i).email();
                    userIds[i] = DemoLoader.this.users.findByEmail(email)
                            .orElseThrow(() -> new IllegalStateException("demo user missing: " + email)).id();
                }
            }
            return userIds;
        }

        long[] accountIds() {
            if (accountIds == null) {
                Map<String, Long> byDomain = jobs.accountIdsByDomain();
                accountIds = new long[plan.accounts.size()];
                for (int i = 0; i < accountIds.length; i++) {
                    accountIds[i] = require(byDomain.get(plan.accounts.get(i).domain()), "account");
                }
            }
            return accountIds;
        }

        long[] contactIds() {
            if (contactIds == null) {
                Map<String, Long> byEmail = jobs.contactIdsByEmail();
                contactIds = new long[plan.contacts.size()];
                for (int i = 0; i < contactIds.length; i++) {
                    contactIds[i] = require(byEmail.get(plan.contacts.get(i).email()), "contact");
                }
            }
            return contactIds;
        }

        long[] campaignIds() {
            if (campaignIds == null) {
                Map<String, Long> byName = new HashMap<>();
                jdbc.sql("SELECT name, id FROM campaign").query((rs, i) -> byName.put(rs.getString(1), rs.getLong(2)))
                        .list();
                campaignIds = new long[plan.campaigns.size()];
                for (int i = 0; i < campaignIds.length; i++) {
                    campaignIds[i] = require(byName.get(plan.campaigns.get(i).name()), "campaign");
                }
            }
            return campaignIds;
        }

        private static long require(Long id, String what) {
            if (id == null) {
                throw new IllegalStateException("a demo " + what + " written by an earlier stage is missing");
            }
            return id;
        }

        // ------------------------------------------------------------ stages

        void users(LongConsumer rows) {
            Map<String, Long> teamsByName = new HashMap<>();
            for (UserDirectory.Team team : users.teams()) {
                teamsByName.put(team.name(), team.id());
            }
            teamIds = new long[plan.teams.size()];
            for (int i = 0; i < plan.teams.size(); i++) {
                TeamSpec t = plan.teams.get(i);
                Long id = teamsByName.get(t.name());
                teamIds[i] = id != null ? id : users.createTeam(t.name(), t.timeZone()).id();
            }
            List<UserSpec> missing = plan.users.stream().filter(u -> users.findByEmail(u.email()).isEmpty()).toList();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            try {
                List<java.util.concurrent.Future<?>> created = new ArrayList<>();
                for (UserSpec u : missing) {
                    created.add(pool.submit(() -> users.create(new UserDirectory.UserDraft(u.email(), u.displayName(),
                            u.role(), u.team() < 0 ? null : teamIds[u.team()], u.timeZone(), true),
                            DemoPlan.DEMO_PASSWORD)));
                }
                for (java.util.concurrent.Future<?> f : created) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating demo users", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
        }

        void accounts(LongConsumer rows) {
            long[] owners = users();
            List<AccountDraft> drafts = new ArrayList<>();
            for (AccountSpec a : plan.accounts) {
                drafts.add(new AccountDraft(a.name(), a.domain(), a.industry(), a.employees(), a.annualRevenue(),
                        a.place().region().label, a.place().country(), owners[a.owner()]));
                if (drafts.size() == CONTACT_BATCH) {
                    accountDirectory.createAll(drafts);
                    rows.accept(drafts.size());
                    drafts = new ArrayList<>();
                }
            }
            if (!drafts.isEmpty()) {
                accountDirectory.createAll(drafts);
                rows.accept(drafts.size());
            }
        }

        void contacts(LongConsumer rows) {
            long[] owners = users();
            long[] accounts = accountIds();
            List<ContactDraft> plain = new ArrayList<>();
            List<ContactDirectory.ContactUpsert> crm = new ArrayList<>();
            for (ContactSpec c : plan.contacts) {
                ContactDraft d = new ContactDraft(c.email(), c.firstName(), c.lastName(), c.title(), c.phone(),
                        c.company(), c.place().country(), c.place().city(), c.account() < 0 ? null : accounts[c.account()],
                        c.owner() < 0 ? null : owners[c.owner()], c.stage(), c.leadSource(), c.place().timeZone());
                if (c.externalId() != null) {
                    // People already in the CRM arrive through the upsert path, which records their CRM id.
                    crm.add(new ContactDirectory.ContactUpsert(c.externalId(), d));
                    if (crm.size() == CONTACT_BATCH) {
                        contactDirectory.upsert(crm);
                        rows.accept(crm.size());
                        crm = new ArrayList<>();
                    }
                } else {
                    plain.add(d);
                    if (plain.size() == CONTACT_BATCH) {
                        contactDirectory.createAll(plain);
                        rows.accept(plain.size());
                        plain = new ArrayList<>();
                    }
                }
            }
            if (!crm.isEmpty()) {
                contactDirectory.upsert(crm);
                rows.accept(crm.size());
            }
            if (!plain.isEmpty()) {
                contactDirectory.createAll(plain);
                rows.accept(plain.size());
            }
            long[] ids = contactIds();
            // cookie ids these people were seen with before they identified themselves
            List<ContactDirectory.IdentityLink> anonymous = new ArrayList<>();
            for (int i = 0; i < plan.contacts.size(); i++) {
                String anon = plan.contacts.get(i).anonymousId();
                if (anon != null) {
                    anonymous.add(new ContactDirectory.IdentityLink(ids[i], IdentityKind.ANONYMOUS_ID, anon));
                }
            }
            contactDirectory.link(anonymous);
        }

        void campaigns(LongConsumer rows) {
            long[] ids = new long[plan.campaigns.size()];
            for (int i = 0; i < plan.campaigns.size(); i++) {
                CampaignSpec c = plan.campaigns.get(i);
                ids[i] = campaignManagement.create(new CampaignDraft(c.name(), c.type(), c.channel(), c.status(),
                        c.start(), c.end(), c.parent() < 0 ? null : ids[c.parent()], c.plannedBudget(),
                        DemoPlan.CURRENCY, c.utmCampaign())).id();
            }
            rows.accept(ids.length);
            campaignIds = ids;
            for (CostSpec cost : plan.costs) {
                campaignManagement.createCost(new CostEntryDraft(ids[cost.campaign()], cost.periodStart(),
                        cost.periodEnd(), cost.amount(), DemoPlan.CURRENCY, cost.note()));
            }
            rows.accept(plan.costs.size());
        }

        void members(LongConsumer rows) {
            long[] campaigns = campaignIds();
            long[] contacts = contactIds();
            List<CampaignMember> batch = new ArrayList<>();
            for (MemberSpec m : plan.members) {
                batch.add(new CampaignMember(campaigns[m.campaign()], contacts[m.contact()], m.status(),
                        m.respondedAt(), m.joinedAt(), m.respondedAt() != null ? m.respondedAt() : m.joinedAt()));
                if (batch.size() == CONTACT_BATCH) {
                    campaignManagement.upsertMembers(batch);
                    rows.accept(batch.size());
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                campaignManagement.upsertMembers(batch);
                rows.accept(batch.size());
            }
        }

        void opportunities(LongConsumer rows) {
            long[] accounts = accountIds();
            long[] contacts = contactIds();
            long[] campaigns = campaignIds();
            long[] owners = users();
            List<OpportunityDraft> drafts = new ArrayList<>();
            List<List<ContactRole>> roles = new ArrayList<>();
            for (OpportunitySpec o : plan.opportunities) {
                drafts.add(new OpportunityDraft(o.name(), accounts[o.account()],
                        o.campaign() < 0 ? null : campaigns[o.campaign()], owners[o.owner()], o.stage(), o.amount(),
                        DemoPlan.CURRENCY, o.closeDate()));
                List<ContactRole> r = new ArrayList<>();
                for (RoleSpec role : o.roles()) {
                    r.add(new ContactRole(contacts[role.contact()], role.role(), role.primary()));
                }
                roles.add(r);
                if (drafts.size() == 1_000) {
                    pipeline.createAll(drafts, roles);
                    rows.accept(drafts.size());
                    drafts = new ArrayList<>();
                    roles = new ArrayList<>();
                }
            }
            if (!drafts.isEmpty()) {
                pipeline.createAll(drafts, roles);
                rows.accept(drafts.size());
            }
        }

        void consents(LongConsumer rows) {
            long[] contacts = contactIds();
            for (ConsentSpec c : plan.consents) {
                consentLedger.record(new ConsentRecord(0, contacts[c.contact()], "email", "marketing", c.status(),
                        "consent", c.source(), c.text(), c.version(), null, null, c.occurredAt()));
            }
            rows.accept(plan.consents.size());
        }

        void activities(int month, LongConsumer rows) {
            if (generator == null) {
                generator = new ActivityGenerator(plan, contactIds(), accountIds(), campaignIds());
            }
            List<NewActivity> buffer = new ArrayList<>(ACTIVITY_BATCH + 1_000);
            LocalDate to = plan.monthStart(month + 1);
            for (LocalDate day = plan.monthStart(month); day.isBefore(to); day = day.plusDays(1)) {
                buffer.addAll(generator.day(day));
                if (buffer.size() >= ACTIVITY_BATCH) {
                    activityLog.append(buffer);
                    rows.accept(buffer.size());
                    buffer = new ArrayList<>(ACTIVITY_BATCH + 1_000);
                }
            }
            if (!buffer.isEmpty()) {
                activityLog.append(buffer);
                rows.accept(buffer.size());
            }
        }
    }

    /** Demo users and their password, for the closing log lines. */
    static Map<String, String> demoLogins(DemoPlan plan) {
        Map<String, String> logins = new LinkedHashMap<>();
        for (UserSpec u : plan.users) {
            logins.put(u.email(), u.role().name().toLowerCase(Locale.ROOT));
        }
        return logins;
    }
}
