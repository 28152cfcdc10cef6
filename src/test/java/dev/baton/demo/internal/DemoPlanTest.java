package dev.baton.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.demo.DemoSpec;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.management.CampaignType;
import dev.baton.platform.Channel;
import dev.baton.platform.NewActivity;
import dev.baton.platform.Role;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The in-memory demo company: deterministic, of the promised size, and shaped like a B2B SaaS year. */
class DemoPlanTest {

    static final LocalDate ANCHOR = LocalDate.of(2026, 11, 23);
    static final DemoSpec DEFAULT = new DemoSpec(20261123L, 1, ANCHOR);

    @Test
    void sameSpecSameCompanyDifferentSeedDifferentCompany() {
        DemoSpec small = new DemoSpec(7, 0.05, ANCHOR);
        DemoPlan a = DemoPlan.generate(small);
        DemoPlan b = DemoPlan.generate(small);
        DemoPlan c = DemoPlan.generate(new DemoSpec(8, 0.05, ANCHOR));

        assertThat(b.counts()).isEqualTo(a.counts());
        assertThat(b.contacts).isEqualTo(a.contacts);
        assertThat(b.accounts).isEqualTo(a.accounts);
        assertThat(b.opportunities).isEqualTo(a.opportunities);
        assertThat(b.members).isEqualTo(a.members);
        assertThat(activitiesOf(b, ANCHOR.minusDays(40))).isEqualTo(activitiesOf(a, ANCHOR.minusDays(40)));

        assertThat(c.contacts).isNotEqualTo(a.contacts);
        assertThat(activitiesOf(c, ANCHOR.minusDays(40))).isNotEqualTo(activitiesOf(a, ANCHOR.minusDays(40)));
    }

    @Test
    void defaultScaleMeetsTheMinimumSizesAndScaleMultipliesIt() {
        DemoPlan plan = DemoPlan.generate(DEFAULT);
        Map<String, Long> counts = plan.counts();
        assertThat(counts.get("contact")).isGreaterThanOrEqualTo(20_000);
        assertThat(counts.get("activity")).isGreaterThanOrEqualTo(500_000);
        assertThat(counts.get("campaign")).isGreaterThanOrEqualTo(20);

        Map<String, Long> doubled = DemoPlan.generate(new DemoSpec(DEFAULT.seed(), 2, ANCHOR)).counts();
        assertThat(doubled.get("contact")).isEqualTo(2 * counts.get("contact"));
        assertThat(doubled.get("activity")).isEqualTo(2 * counts.get("activity"));
        // Every day of the twelve months has activity, and the months add up to the total.
        assertThat(java.util.Arrays.stream(plan.dayQuota).min().orElseThrow()).isPositive();
        assertThat(plan.totalActivities()).isEqualTo(counts.get("activity"));
    }

    @Test
    void activityFollowsTheSeasonsAndTheCampaignCalendar() {
        DemoPlan plan = DemoPlan.generate(DEFAULT);
        double august = averagePerDay(plan, 8);
        double october = averagePerDay(plan, 10);
        assertThat(august).isLessThan(october * 0.75);

        // Events are a Q4 thing; end-of-quarter pushes lift the last fortnight of March.
        Map<Integer, Long> eventsByMonth = new HashMap<>();
        for (LocalDate day = plan.start; day.isBefore(plan.end); day = day.plusDays(1)) {
            double[] w = plan.sourceWeights(day);
            double sum = 0;
            for (int c = 0; c < plan.campaigns.size(); c++) {
                if (plan.campaigns.get(c).channel() == Channel.EVENTS) {
                    sum += w[c];
                }
            }
            eventsByMonth.merge(day.getMonthValue(), Math.round(sum), Long::sum);
        }
        long q4 = eventsByMonth.get(10) + eventsByMonth.get(11);
        long q3 = eventsByMonth.get(7) + eventsByMonth.get(8);
        assertThat(q4).isGreaterThan(3 * Math.max(1, q3));

        LocalDate newsletter = plan.start.plusDays(40);
        while (!DemoPlan.newsletterDay(newsletter)) {
            newsletter = newsletter.plusDays(1);
        }
        int index = (int) ChronoUnit.DAYS.between(plan.start, newsletter);
        assertThat(plan.dayQuota[index]).isGreaterThan(plan.dayQuota[index - 7]);
    }

    @Test
    void theCompanyLooksLikeAB2bSaasBusiness() {
        DemoPlan plan = DemoPlan.generate(DEFAULT);

        assertThat(plan.users.stream().map(DemoPlan.UserSpec::role).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Role.values());
        assertThat(plan.teams).allSatisfy(t -> assertThat(t.timeZone()).contains("/"));

        Set<Channel> channels = plan.campaigns.stream().map(DemoPlan.CampaignSpec::channel)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
        assertThat(channels).contains(Channel.PAID_SEARCH, Channel.ORGANIC_SEARCH, Channel.PAID_SOCIAL,
                Channel.ORGANIC_SOCIAL, Channel.EMAIL, Channel.EVENTS, Channel.WEBINAR, Channel.DIRECT_MAIL,
                Channel.PARTNERS);
        assertThat(plan.campaigns).filteredOn(c -> c.type() == CampaignType.PROGRAM).hasSizeGreaterThanOrEqualTo(5);
        assertThat(plan.campaigns).filteredOn(c -> c.parent() >= 0).allSatisfy(c -> {
            assertThat(c.plannedBudget()).isPositive();
            assertThat(plan.campaigns.get(c.parent()).type()).isEqualTo(CampaignType.PROGRAM);
        });
        // Monthly spend on the always-on paid campaigns, all twelve or thirteen calendar months of it.
        int googleCategory = indexOf(plan, "Google Ads — Category Keywords");
        assertThat(plan.costs).filteredOn(c -> c.campaign() == googleCategory).hasSizeBetween(12, 13);

        assertThat(plan.accounts).allSatisfy(a -> {
            assertThat(a.domain()).matches("[a-z0-9]+\\.[a-z.]+");
            assertThat(a.employees()).isBetween(10, 50_000);
            assertThat(a.annualRevenue()).isPositive();
        });
        assertThat(plan.accounts.stream().map(DemoPlan.AccountSpec::domain).distinct()).hasSize(plan.accounts.size());
        assertThat(plan.contacts).allSatisfy(c -> {
            assertThat(c.phone()).matches("\\+[1-9][0-9]{7,14}");
            assertThat(c.email()).matches("[a-z0-9.]+@[a-z0-9.]+");
            if (c.account() >= 0) {
                assertThat(c.email()).endsWith("@" + plan.accounts.get(c.account()).domain());
            }
            assertThat(c.place().timeZone()).contains("/");
        });
        assertThat(plan.contacts.stream().map(DemoPlan.ContactSpec::email).distinct()).hasSize(plan.contacts.size());
        assertThat(plan.contacts).anyMatch(c -> c.externalId() != null).anyMatch(c -> c.anonymousId() != null);

        Set<OpportunityStage> stages = plan.opportunities.stream().map(DemoPlan.OpportunitySpec::stage)
                .collect(Collectors.toSet());
        assertThat(stages).containsExactlyInAnyOrder(OpportunityStage.values());
        assertThat(plan.opportunities).allSatisfy(o -> assertThat(o.roles()).isNotEmpty());
        assertThat(plan.consents).isNotEmpty();
    }

    @Test
    void activitiesAreBelievable() {
        DemoPlan plan = DemoPlan.generate(new DemoSpec(3, 0.1, ANCHOR));
        List<NewActivity> all = new java.util.ArrayList<>();
        for (LocalDate day = plan.start; day.isBefore(plan.end); day = day.plusDays(1)) {
            List<NewActivity> today = activitiesOf(plan, day);
            assertThat(today).hasSize(plan.dayQuota[(int) ChronoUnit.DAYS.between(plan.start, day)]);
            java.time.Instant from = DemoPlan.at(day, 0);
            java.time.Instant to = DemoPlan.at(day.plusDays(1), 0).minusMillis(1);
            assertThat(today).allSatisfy(a -> assertThat(a.occurredAt()).isBetween(from, to));
            all.addAll(today);
        }
        Set<String> types = all.stream().map(NewActivity::type).collect(Collectors.toSet());
        assertThat(types).contains("page_view", "form_filled", "email_sent", "email_opened", "email_clicked",
                "webinar_registered", "webinar_attended", "event_attended", "ad_clicked", "direct_mail_sent",
                "content_downloaded");
        assertThat(all).filteredOn(a -> a.type().equals("ad_clicked"))
                .allSatisfy(a -> assertThat(a.utm().medium()).isIn("cpc", "paid_social", "display"));
        assertThat(all).filteredOn(a -> a.type().equals("page_view"))
                .allSatisfy(a -> assertThat(a.props()).startsWith("{\"url\":\"https://www.larkspurhq.com/"));
        assertThat(all).filteredOn(a -> a.type().startsWith("email_"))
                .allSatisfy(a -> assertThat(a.props()).contains("\"subject\":"));
        assertThat(all).anyMatch(a -> a.contactId() == null);
    }

    private static double averagePerDay(DemoPlan plan, int month) {
        long sum = 0;
        int days = 0;
        for (LocalDate day = plan.start; day.isBefore(plan.end); day = day.plusDays(1)) {
            if (day.getMonthValue() == month) {
                sum += plan.dayQuota[(int) ChronoUnit.DAYS.between(plan.start, day)];
                days++;
            }
        }
        return (double) sum / days;
    }

    private static int indexOf(DemoPlan plan, String name) {
        for (int i = 0; i < plan.campaigns.size(); i++) {
            if (plan.campaigns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no campaign " + name);
    }

    /** Generated with index-as-id, which is all a plan-level comparison needs. */
    static List<NewActivity> activitiesOf(DemoPlan plan, LocalDate day) {
        long[] contacts = new long[plan.contacts.size()];
        long[] accounts = new long[plan.accounts.size()];
        long[] campaigns = new long[plan.campaigns.size()];
        for (int i = 0; i < contacts.length; i++) {
            contacts[i] = i + 1;
        }
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = i + 1;
        }
        for (int i = 0; i < campaigns.length; i++) {
            campaigns[i] = i + 1;
        }
        return new ActivityGenerator(plan, contacts, accounts, campaigns).day(day);
    }
}
