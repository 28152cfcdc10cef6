package dev.baton.web.ui;

import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
import dev.baton.lifecycle.StageTotal;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignQuery;
import dev.baton.management.CampaignStatus;
import dev.baton.measurement.ChannelDay;
import dev.baton.measurement.EngagementRollups;
import dev.baton.people.AccountDirectory;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ActivityQuery;
import dev.baton.platform.Channel;
import dev.baton.platform.ProcessorRuntime;
import dev.baton.platform.ProcessorStatus;
import dev.baton.platform.SortOrder;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Home: headline counts, activity trend by channel, pipeline by stage, processor health. */
@Controller
class DashboardController extends UiController {

    private static final int WEEKS = 53;

    private final ContactDirectory contacts;
    private final AccountDirectory accounts;
    private final Pipeline pipeline;
    private final CampaignManagement campaigns;
    private final ActivityLog activityLog;
    private final EngagementRollups rollups;
    private final ProcessorRuntime processors;
    private final Clock clock;

    DashboardController(ContactDirectory contacts, AccountDirectory accounts, Pipeline pipeline,
            CampaignManagement campaigns, ActivityLog activityLog, EngagementRollups rollups,
            ProcessorRuntime processors, Clock clock) {
        this.contacts = contacts;
        this.accounts = accounts;
        this.pipeline = pipeline;
        this.campaigns = campaigns;
        this.activityLog = activityLog;
        this.rollups = rollups;
        this.processors = processors;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("contactCount", contacts.total());
        model.addAttribute("accountCount", accounts.total());
        model.addAttribute("activityCount", activityLog.count());
        model.addAttribute("activeCampaigns", campaigns.count(new CampaignQuery(null, CampaignStatus.ACTIVE, null,
                null, null, SortOrder.cursor(null, 1))));

        List<StageTotal> totals = pipeline.stageTotals(null);
        model.addAttribute("stages", stageRows(totals));
        Map<String, Long> open = new TreeMap<>();
        long openCount = 0;
        for (StageTotal t : totals) {
            if (!t.stage().isClosed()) {
                open.merge(t.currency(), t.amount(), Long::sum);
                openCount += t.count();
            }
        }
        List<Map.Entry<String, Long>> openByCurrency = new ArrayList<>(open.entrySet());
        openByCurrency.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        model.addAttribute("openPipeline", openByCurrency);
        model.addAttribute("openCount", openCount);

        model.addAttribute("trend", trend());

        long lag = 0;
        for (ProcessorStatus s : processors.status()) {
            lag = Math.max(lag, s.lag());
        }
        model.addAttribute("processorLag", lag);

        List<Activity> latest = activityLog.list(new ActivityQuery(null, null, null, null, null, null, null, null, 8));
        Map<Long, String> names = new java.util.HashMap<>();
        List<RecentActivity> recent = new ArrayList<>();
        for (Activity a : latest) {
            String who = a.contactId() == null ? null : names.computeIfAbsent(a.contactId(),
                    id -> contacts.find(id).map(dev.baton.people.Contact::displayName).orElse(null));
            recent.add(new RecentActivity(TimelineView.entry(a, null), a.contactId(), who));
        }
        model.addAttribute("recent", recent);
        return "dashboard";
    }

    /** One row per stage, in pipeline order; the amount is the stage's largest currency, flagged when mixed. */
    static List<StageRow> stageRows(List<StageTotal> totals) {
        Map<OpportunityStage, List<StageTotal>> byStage = new EnumMap<>(OpportunityStage.class);
        for (StageTotal t : totals) {
            byStage.computeIfAbsent(t.stage(), k -> new ArrayList<>()).add(t);
        }
        List<StageRow> out = new ArrayList<>();
        long max = 0;
        for (OpportunityStage s : OpportunityStage.values()) {
            List<StageTotal> list = byStage.getOrDefault(s, List.of());
            long count = list.stream().mapToLong(StageTotal::count).sum();
            StageTotal main = list.stream().max(Comparator.comparingLong(StageTotal::amount)).orElse(null);
            StageRow row = new StageRow(s, main == null ? null : main.currency(), count,
                    main == null ? 0 : main.amount(), list.size() > 1);
            max = Math.max(max, row.amount());
            out.add(row);
        }
        for (StageRow r : out) {
            r.setMax(max);
        }
        return out;
    }

    /** Activities per ISO week and channel over the last 12 months, as chart-ready lists. */
    Map<String, Object> trend() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate firstWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(WEEKS - 1);
        List<ChannelDay> days = rollups.channelTrend(firstWeek, today);
        Map<String, long[]> byChannel = new LinkedHashMap<>();
        for (ChannelDay d : days) {
            int week = (int) ((d.day().toEpochDay() - firstWeek.toEpochDay()) / 7);
            if (week < 0 || week >= WEEKS) {
                continue;
            }
            String code = d.channel() == null ? "none" : d.channel();
            byChannel.computeIfAbsent(code, k -> new long[WEEKS])[week] += d.count();
        }
        DateTimeFormatter label = DateTimeFormatter.ofPattern("MMM d", Locale.US);
        List<String> weeks = new ArrayList<>(WEEKS);
        for (int i = 0; i < WEEKS; i++) {
            weeks.add(label.format(firstWeek.plusWeeks(i)));
        }
        List<Map.Entry<String, long[]>> ordered = new ArrayList<>(byChannel.entrySet());
        ordered.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> sum(e.getValue())).reversed());
        List<Map<String, Object>> series = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : ordered) {
            Channel c = Channel.fromCode(e.getKey());
            List<Long> values = new ArrayList<>(WEEKS);
            for (long v : e.getValue()) {
                values.add(v);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", c == null ? Labels.humanize(e.getKey().equals("none") ? "unattributed" : e.getKey())
                    : c.label());
            s.put("data", values);
            series.add(s);
            total += sum(e.getValue());
        }
        Map<String, Object> trend = new LinkedHashMap<>();
        trend.put("weeks", weeks);
        trend.put("series", series);
        trend.put("total", total);
        return trend;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    /** A log entry for the dashboard, with who it happened to. */
    public record RecentActivity(TimelineView.Entry entry, Long contactId, String contactName) {
    }

    /** A pipeline stage with its count and amount (in its largest currency) and the bar width. */
    public static final class StageRow {
        private final OpportunityStage stage;
        private final String currency;
        private final long count;
        private final long amount;
        private final boolean mixedCurrencies;
        private long max;

        StageRow(OpportunityStage stage, String currency, long count, long amount, boolean mixedCurrencies) {
            this.stage = stage;
            this.currency = currency;
            this.count = count;
            this.amount = amount;
            this.mixedCurrencies = mixedCurrencies;
        }

        void setMax(long max) {
            this.max = max;
        }

        public OpportunityStage stage() {
            return stage;
        }

        public String currency() {
            return currency;
        }

        public long count() {
            return count;
        }

        public long amount() {
            return amount;
        }

        public boolean mixedCurrencies() {
            return mixedCurrencies;
        }

        public int width() {
            return max <= 0 ? 0 : (int) Math.max(amount > 0 ? 2 : 0, Math.round(amount * 100.0 / max));
        }
    }
}
