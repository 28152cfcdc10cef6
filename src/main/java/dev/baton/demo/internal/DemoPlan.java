package dev.baton.demo.internal;

import dev.baton.demo.DemoSpec;
import dev.baton.demo.internal.Vocabulary.Industry;
import dev.baton.demo.internal.Vocabulary.Place;
import dev.baton.demo.internal.Vocabulary.Region;
import dev.baton.demo.internal.Vocabulary.Title;
import dev.baton.governance.ConsentStatus;
import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.management.MemberStatus;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.Channel;
import dev.baton.platform.Role;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The whole demo company in memory, minus its activities, derived from a {@link DemoSpec} alone.
 * Rows refer to each other by list index; the loader maps indexes to database ids. Generating a plan
 * is cheap (well under a second at scale 1), so a resumed load simply regenerates it.
 */
final class DemoPlan {

    static final int MONTHS = 12;
    static final double ACCOUNTS_PER_SCALE = 2_500;
    static final double CONTACTS_PER_SCALE = 21_000;
    static final double ACTIVITIES_PER_SCALE = 540_000;
    static final double OPPORTUNITIES_PER_SCALE = 800;
    static final String CURRENCY = "USD";
    static final String DEMO_PASSWORD = "demo-password";

    record TeamSpec(String name, String timeZone) {
    }

    record UserSpec(String email, String displayName, Role role, int team, String timeZone, Region region) {
    }

    record AccountSpec(String name, String domain, String industry, int employees, long annualRevenue, Place place,
            int owner) {
    }

    record ContactSpec(String email, String firstName, String lastName, String title, String phone, String company,
            Place place, int account, int owner, LifecycleStage stage, String leadSource, String externalId,
            String anonymousId, double weight) {
    }

    /** How a campaign generates activity over the year. */
    enum Kind {
        PROGRAM, PAID_SEARCH_BRAND, PAID_SEARCH, PAID_SOCIAL, DISPLAY, SEO, CONTENT, ORGANIC_SOCIAL, NEWSLETTER,
        NURTURE, LAUNCH, QUARTER_END, WEBINAR, EVENT, DIRECT_MAIL, PARTNER
    }

    record CampaignSpec(String name, CampaignType type, Channel channel, Kind kind, LocalDate start, LocalDate end,
            int parent, long plannedBudget, String utmCampaign, CampaignStatus status, double intensity,
            String topic, String city) {
    }

    record CostSpec(int campaign, LocalDate periodStart, LocalDate periodEnd, long amount, String note) {
    }

    record MemberSpec(int campaign, int contact, MemberStatus status, Instant joinedAt, Instant respondedAt) {
    }

    record OpportunitySpec(String name, int account, int campaign, int owner, OpportunityStage stage, long amount,
            LocalDate closeDate, List<RoleSpec> roles) {
    }

    record RoleSpec(int contact, ContactRole.Role role, boolean primary) {
    }

    record ConsentSpec(int contact, ConsentStatus status, String source, String text, String version,
            Instant occurredAt) {
    }

    final DemoSpec spec;
    final LocalDate start;
    final LocalDate end;
    final List<TeamSpec> teams = new ArrayList<>();
    final List<UserSpec> users = new ArrayList<>();
    final List<AccountSpec> accounts = new ArrayList<>();
    final List<ContactSpec> contacts = new ArrayList<>();
    final List<CampaignSpec> campaigns = new ArrayList<>();
    final List<CostSpec> costs = new ArrayList<>();
    final List<MemberSpec> members = new ArrayList<>();
    final List<OpportunitySpec> opportunities = new ArrayList<>();
    final List<ConsentSpec> consents = new ArrayList<>();
    /** Members of each campaign (contact indexes and statuses), for campaign-driven activity. */
    int[][] memberContacts;
    MemberStatus[][] memberStatuses;
    /** Activities per day of the window, and per month slice. */
    final int[] dayQuota;
    final long[] monthQuota = new long[MONTHS];

    private DemoPlan(DemoSpec spec) {
        this.spec = spec;
        this.end = spec.anchor();
        this.start = end.minusMonths(MONTHS);
        this.dayQuota = new int[(int) ChronoUnit.DAYS.between(start, end)];
    }

    static DemoPlan generate(DemoSpec spec) {
        DemoPlan plan = new DemoPlan(spec);
        plan.people();
        plan.accounts(rng(spec.seed(), 2));
        plan.contacts(rng(spec.seed(), 3));
        plan.campaigns(rng(spec.seed(), 4));
        plan.members(rng(spec.seed(), 5));
        plan.opportunities(rng(spec.seed(), 6));
        plan.consents(rng(spec.seed(), 7));
        plan.quotas();
        return plan;
    }

    /** Just the teams and users (for printing the demo logins without generating a whole company). */
    static DemoPlan generateUsersOnly() {
        DemoPlan plan = new DemoPlan(new DemoSpec(0, 0.01, LocalDate.of(2026, 1, 1)));
        plan.people();
        return plan;
    }

    static SplittableRandom rng(long seed, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    int scaled(double perScale) {
        return Math.max(1, (int) Math.round(perScale * spec.scale()));
    }

    LocalDate monthStart(int month) {
        return start.plusMonths(month);
    }

    long totalActivities() {
        long sum = 0;
        for (long q : monthQuota) {
            sum += q;
        }
        return sum;
    }

    /** Rows by table, as the database will hold them (demo users only, no admin). */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("team", (long) teams.size());
        counts.put("app_user", (long) users.size());
        counts.put("account", (long) accounts.size());
        counts.put("contact", (long) contacts.size());
        long identities = 0;
        for (ContactSpec c : contacts) {
            identities += 1 + (c.externalId() == null ? 0 : 1) + (c.anonymousId() == null ? 0 : 1);
        }
        counts.put("identity", identities);
        counts.put("campaign", (long) campaigns.size());
        counts.put("cost_entry", (long) costs.size());
        counts.put("campaign_member", (long) members.size());
        counts.put("opportunity", (long) opportunities.size());
        counts.put("opportunity_contact_role", opportunities.stream().mapToLong(o -> o.roles().size()).sum());
        counts.put("consent_record", (long) consents.size());
        counts.put("activity", totalActivities());
        return counts;
    }

    // ---------------------------------------------------------------- teams and users

    private void people() {
        teams.add(new TeamSpec("Marketing Operations", "America/Denver"));
        teams.add(new TeamSpec("Americas Marketing", "America/New_York"));
        teams.add(new TeamSpec("EMEA Marketing", "Europe/London"));
        teams.add(new TeamSpec("North America Sales", "America/Chicago"));
        teams.add(new TeamSpec("EMEA Sales", "Europe/Berlin"));
        teams.add(new TeamSpec("APAC Sales", "Asia/Singapore"));
        user("rachel.adams", "Rachel Adams", Role.ADMIN, 0, "America/Denver", null);
        user("priya.raman", "Priya Raman", Role.OPS, 0, "America/Denver", null);
        user("tom.becker", "Tom Becker", Role.OPS, 0, "Europe/Berlin", null);
        user("maya.chen", "Maya Chen", Role.MARKETER, 1, "America/New_York", Region.NORTH_AMERICA);
        user("jordan.ellis", "Jordan Ellis", Role.MARKETER, 1, "America/Los_Angeles", Region.LATAM);
        user("aisha.khan", "Aisha Khan", Role.MARKETER, 2, "Europe/London", Region.EMEA);
        user("lucas.moreau", "Lucas Moreau", Role.MARKETER, 2, "Europe/Paris", Region.APAC);
        user("daniel.okafor", "Daniel Okafor", Role.SALES, 3, "America/Chicago", Region.NORTH_AMERICA);
        user("emily.carter", "Emily Carter", Role.SALES, 3, "America/New_York", Region.NORTH_AMERICA);
        user("kevin.nguyen", "Kevin Nguyen", Role.SALES, 3, "America/Los_Angeles", Region.NORTH_AMERICA);
        user("sofia.herrera", "Sofía Herrera", Role.SALES, 3, "America/Mexico_City", Region.LATAM);
        user("sarah.lindqvist", "Sarah Lindqvist", Role.SALES, 4, "Europe/Stockholm", Region.EMEA);
        user("marco.rossi", "Marco Rossi", Role.SALES, 4, "Europe/Rome", Region.EMEA);
        user("lena.vogel", "Lena Vogel", Role.SALES, 4, "Europe/Berlin", Region.EMEA);
        user("hiroshi.tanaka", "Hiroshi Tanaka", Role.SALES, 5, "Asia/Tokyo", Region.APAC);
        user("olivia.brown", "Olivia Brown", Role.SALES, 5, "Australia/Sydney", Region.APAC);
        user("grace.park", "Grace Park", Role.VIEWER, -1, "America/New_York", null);
    }

    private void user(String local, String name, Role role, int team, String tz, Region region) {
        users.add(new UserSpec(local + "@" + Vocabulary.VENDOR_DOMAIN, name, role, team, tz, region));
    }

    /** Sales reps covering a region (owners of its accounts and deals). */
    private int[] reps(Region region) {
        return users.stream().filter(u -> u.role() == Role.SALES && u.region() == region)
                .mapToInt(users::indexOf).toArray();
    }

    private int marketer(Region region) {
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).role() == Role.MARKETER && users.get(i).region() == region) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- accounts

    private void accounts(SplittableRandom r) {
        int n = scaled(ACCOUNTS_PER_SCALE);
        double[] placeWeights = new double[Vocabulary.PLACES.length];
        for (int i = 0; i < placeWeights.length; i++) {
            Place p = Vocabulary.PLACES[i];
            double regionTotal = 0;
            for (Place q : Vocabulary.PLACES) {
                if (q.region() == p.region()) {
                    regionTotal += q.weight();
                }
            }
            placeWeights[i] = p.region().weight * p.weight() / regionTotal;
        }
        Set<String> names = new HashSet<>();
        Set<String> domains = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Place place = Vocabulary.PLACES[pick(r, placeWeights)];
            Industry industry = Vocabulary.INDUSTRIES[r.nextInt(Vocabulary.INDUSTRIES.length)];
            String base = null;
            for (int attempt = 0; base == null; attempt++) {
                String stem = Vocabulary.NAME_STEMS[r.nextInt(Vocabulary.NAME_STEMS.length)];
                String word = industry.words()[r.nextInt(industry.words().length)];
                String candidate = attempt < 4 ? stem + " " + word
                        : attempt < 8 ? stem + " " + Vocabulary.NAME_STEMS[r.nextInt(Vocabulary.NAME_STEMS.length)]
                                .split(" ")[0] + " " + word
                        : stem + " " + word + " " + (attempt - 6);
                if (names.add(candidate)) {
                    base = candidate;
                }
            }
            String tld = r.nextDouble() < 0.5 ? ".com" : place.tld();
            String domain = Vocabulary.ascii(base) + tld;
            for (int k = 2; !domains.add(domain); k++) {
                domain = Vocabulary.ascii(base) + k + tld;
            }
            String name = r.nextDouble() < 0.3 ? base + " " + place.legalForms()[r.nextInt(place.legalForms().length)]
                    : base;
            int employees = employees(r);
            long revenue = Math.round(employees * industry.revenuePerEmployee() * (0.6 + 0.8 * r.nextDouble())
                    / 1000.0) * 1000;
            int[] reps = reps(place.region());
            accounts.add(new AccountSpec(name, domain, industry.name(), employees, revenue, place,
                    reps[r.nextInt(reps.length)]));
        }
    }

    private static int employees(SplittableRandom r) {
        double u = r.nextDouble();
        double[][] bands = {{10, 49, 0.22}, {50, 199, 0.30}, {200, 999, 0.25}, {1000, 4999, 0.15}, {5000, 50000, 0.08}};
        double acc = 0;
        for (double[] b : bands) {
            acc += b[2];
            if (u <= acc) {
                return (int) Math.round(Math.exp(Math.log(b[0]) + r.nextDouble() * (Math.log(b[1]) - Math.log(b[0]))));
            }
        }
        return 50_000;
    }

    // ---------------------------------------------------------------- contacts

    private void contacts(SplittableRandom r) {
        int total = scaled(CONTACTS_PER_SCALE);
        int unaffiliated = Math.max(1, (int) Math.round(total * 0.08));
        int inAccounts = Math.max(accounts.size(), total - unaffiliated);
        unaffiliated = Math.max(0, total - inAccounts);
        // Everyone gets one contact; the rest are spread by company size (bigger companies, more people).
        double[] w = new double[accounts.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.pow(accounts.get(i).employees(), 0.45);
            sum += w[i];
        }
        int extra = inAccounts - accounts.size();
        int[] perAccount = new int[accounts.size()];
        int assigned = 0;
        for (int i = 0; i < w.length; i++) {
            perAccount[i] = 1 + (int) Math.floor(extra * w[i] / sum);
            assigned += perAccount[i];
        }
        for (int i = 0; assigned < inAccounts; i = (i + 1) % perAccount.length) {
            perAccount[i]++;
            assigned++;
        }
        Set<String> emails = new HashSet<>();
        double[] titleWeights = new double[Vocabulary.TITLES.length];
        for (int i = 0; i < titleWeights.length; i++) {
            titleWeights[i] = Vocabulary.TITLES[i].weight();
        }
        for (int a = 0; a < accounts.size(); a++) {
            AccountSpec account = accounts.get(a);
            for (int k = 0; k < perAccount[a]; k++) {
                Place place = r.nextDouble() < 0.8 ? account.place() : samePlaceRegion(r, account.place());
                contacts.add(person(r, emails, titleWeights, place, account.domain(), account.name(), a,
                        account.owner()));
            }
        }
        for (int k = 0; k < unaffiliated; k++) {
            Place place = Vocabulary.PLACES[r.nextInt(Vocabulary.PLACES.length)];
            String domain = Vocabulary.PERSONAL_DOMAINS[r.nextInt(Vocabulary.PERSONAL_DOMAINS.length)];
            contacts.add(person(r, emails, titleWeights, place, domain, null, -1, marketer(place.region())));
        }
    }

    private static Place samePlaceRegion(SplittableRandom r, Place home) {
        List<Place> near = new ArrayList<>();
        for (Place p : Vocabulary.PLACES) {
            if (p.region() == home.region()) {
                near.add(p);
            }
        }
        return near.get(r.nextInt(near.size()));
    }

    private ContactSpec person(SplittableRandom r, Set<String> emails, double[] titleWeights, Place place,
            String domain, String company, int account, int owner) {
        String culture = place.culture();
        if (culture.equals("en") && place.region() == Region.NORTH_AMERICA && r.nextDouble() < 0.2) {
            culture = new String[] {"es", "in", "de", "fr"}[r.nextInt(4)];
        }
        String[] firsts = Vocabulary.firstNames(culture);
        String[] lasts = Vocabulary.lastNames(culture);
        String first = firsts[r.nextInt(firsts.length)];
        String last = lasts[r.nextInt(lasts.length)];
        String local = switch (r.nextInt(4)) {
            case 0 -> Vocabulary.ascii(first).charAt(0) + Vocabulary.ascii(last);
            case 1 -> Vocabulary.ascii(first);
            default -> Vocabulary.ascii(first) + "." + Vocabulary.ascii(last);
        };
        String email = local + "@" + domain;
        for (int k = 2; !emails.add(email); k++) {
            email = Vocabulary.ascii(first) + "." + Vocabulary.ascii(last) + k + "@" + domain;
        }
        Title title = Vocabulary.TITLES[pick(r, titleWeights)];
        StringBuilder phone = new StringBuilder(place.phonePrefix());
        for (int d = 0; d < place.phoneDigits(); d++) {
            phone.append(d == 0 && place.phoneDigits() > 2 ? 2 + r.nextInt(8) : r.nextInt(10));
        }
        double u = r.nextDouble();
        LifecycleStage stage = company == null
                ? (u < 0.7 ? LifecycleStage.SUBSCRIBER : LifecycleStage.LEAD)
                : u < 0.10 ? LifecycleStage.SUBSCRIBER : u < 0.62 ? LifecycleStage.LEAD
                        : u < 0.82 ? LifecycleStage.MQL : u < 0.93 ? LifecycleStage.SQL : LifecycleStage.DISQUALIFIED;
        String[] sources = {"Paid search", "Organic search", "Webinar", "Event", "Referral", "Partner",
            "Content download", "Paid social", "Direct mail", "List import"};
        double[] sourceWeights = {18, 22, 12, 9, 6, 6, 12, 8, 2, 5};
        String leadSource = sources[pick(r, sourceWeights)];
        // Engagement is skewed: a minority of people produce most of the activity.
        double weight = Math.pow(r.nextDouble(), 3) * 20 + 0.2;
        if (stage == LifecycleStage.MQL || stage == LifecycleStage.SQL) {
            weight *= 2.5;
        } else if (stage == LifecycleStage.DISQUALIFIED) {
            weight *= 0.2;
        }
        String anonymous = r.nextDouble() < 0.12 ? String.format(Locale.ROOT, "anon-%016x", r.nextLong()) : null;
        return new ContactSpec(email, first, last, title.name(), phone.toString(), company, place, account, owner,
                stage, leadSource, null, anonymous, weight * (title.senior() ? 0.7 : 1.0));
    }

    /** CRM ids for everyone sales works with; called once opportunities have set the stages. */
    private void crmIds() {
        for (int i = 0; i < contacts.size(); i++) {
            ContactSpec c = contacts.get(i);
            if (c.stage().ordinal() >= LifecycleStage.SQL.ordinal() && c.stage() != LifecycleStage.DISQUALIFIED) {
                contacts.set(i, withStage(c, c.stage(), String.format(Locale.ROOT, "003Dm%010d", 1_000_000 + i)));
            }
        }
    }

    private static ContactSpec withStage(ContactSpec c, LifecycleStage stage, String externalId) {
        return new ContactSpec(c.email(), c.firstName(), c.lastName(), c.title(), c.phone(), c.company(), c.place(),
                c.account(), c.owner(), stage, c.leadSource(), externalId, c.anonymousId(), c.weight());
    }

    // ---------------------------------------------------------------- campaigns and spend

    /** The unique day in the window with this month and day (for things that happen every year). */
    LocalDate onDay(int month, int day) {
        LocalDate candidate = LocalDate.of(start.getYear(), month, Math.min(day, 28));
        if (candidate.isBefore(start)) {
            candidate = candidate.plusYears(1);
        }
        if (!candidate.isBefore(end)) {
            candidate = candidate.minusYears(1);
        }
        return candidate;
    }

    private int campaign(String name, CampaignType type, Channel channel, Kind kind, LocalDate from, LocalDate to,
            int parent, long budgetDollars, String utm, double intensity, String topic, String city) {
        CampaignStatus status = to != null && to.isBefore(end) ? CampaignStatus.COMPLETED
                : from.isAfter(end) ? CampaignStatus.PLANNED : CampaignStatus.ACTIVE;
        campaigns.add(new CampaignSpec(name, type, channel, kind, from, to, parent, budgetDollars * 100, utm, status,
                intensity, topic, city));
        return campaigns.size() - 1;
    }

    private void campaigns(SplittableRandom r) {
        LocalDate fy = start;
        LocalDate fyEnd = end.plusMonths(1).minusDays(1);
        int year = end.getYear();
        String fyTag = "fy" + (year % 100);
        int paid = campaign("Always-on Paid Media", CampaignType.PROGRAM, Channel.PAID_SEARCH, Kind.PROGRAM, fy, fyEnd,
                -1, 0, null, 0, null, null);
        campaign("Google Ads — Brand", CampaignType.PAID_ADS, Channel.PAID_SEARCH, Kind.PAID_SEARCH_BRAND, fy, fyEnd,
                paid, 60_000, "gads_brand_" + fyTag, 10, null, null);
        campaign("Google Ads — Category Keywords", CampaignType.PAID_ADS, Channel.PAID_SEARCH, Kind.PAID_SEARCH, fy,
                fyEnd, paid, 240_000, "gads_category_" + fyTag, 14, null, null);
        campaign("Microsoft Ads — Category Keywords", CampaignType.PAID_ADS, Channel.PAID_SEARCH, Kind.PAID_SEARCH,
                fy, fyEnd, paid, 36_000, "bing_category_" + fyTag, 3.5, null, null);
        campaign("LinkedIn Ads — ABM Target Accounts", CampaignType.PAID_ADS, Channel.PAID_SOCIAL, Kind.PAID_SOCIAL,
                fy, fyEnd, paid, 180_000, "li_abm_" + fyTag, 8, null, null);
        campaign("LinkedIn Lead Gen Forms", CampaignType.PAID_ADS, Channel.PAID_SOCIAL, Kind.PAID_SOCIAL,
                fy.plusMonths(2), fyEnd, paid, 90_000, "li_leadgen_" + fyTag, 6, null, null);
        campaign("Display Retargeting", CampaignType.PAID_ADS, Channel.DISPLAY, Kind.DISPLAY, fy, fyEnd, paid, 48_000,
                "display_retargeting_" + fyTag, 4, null, null);
        int content = campaign("Content & SEO", CampaignType.PROGRAM, Channel.ORGANIC_SEARCH, Kind.PROGRAM, fy, fyEnd,
                -1, 0, null, 0, null, null);
        campaign("Blog & SEO", CampaignType.SEO, Channel.ORGANIC_SEARCH, Kind.SEO, fy, fyEnd, content, 54_000,
                "blog_seo", 9, null, null);
        LocalDate report = onDay(3, 3);
        campaign("State of Marketing Ops Report " + report.getYear(), CampaignType.CONTENT, Channel.ORGANIC_SEARCH,
                Kind.CONTENT, report, fyEnd, content, 25_000, "mops_report_" + report.getYear(), 7,
                "State of Marketing Ops Report " + report.getYear(), null);
        campaign("Organic Social — LinkedIn", CampaignType.SOCIAL, Channel.ORGANIC_SOCIAL, Kind.ORGANIC_SOCIAL, fy,
                fyEnd, content, 12_000, "organic_social", 6, null, null);
        int email = campaign("Email Marketing", CampaignType.PROGRAM, Channel.EMAIL, Kind.PROGRAM, fy, fyEnd, -1, 0,
                null, 0, null, null);
        campaign("The Larkspur Brief (monthly newsletter)", CampaignType.EMAIL, Channel.EMAIL, Kind.NEWSLETTER, fy,
                fyEnd, email, 18_000, "newsletter", 1, null, null);
        campaign("New Lead Nurture", CampaignType.EMAIL, Channel.EMAIL, Kind.NURTURE, fy, fyEnd, email, 9_000,
                "nurture_new_leads", 18, null, null);
        LocalDate launch = onDay(4, 14);
        campaign("Product Launch: Journeys", CampaignType.EMAIL, Channel.EMAIL, Kind.LAUNCH, launch,
                launch.plusDays(30), email, 15_000, "launch_journeys", 60, "Introducing Journeys", null);
        campaign("Quarter-end Offer", CampaignType.EMAIL, Channel.EMAIL, Kind.QUARTER_END, fy, fyEnd, email, 6_000,
                "qend_offer_" + fyTag, 30, "Last chance: 20% off annual plans this quarter", null);
        int webinars = campaign("Webinar Series", CampaignType.PROGRAM, Channel.WEBINAR, Kind.PROGRAM, fy, fyEnd, -1, 0,
                null, 0, null, null);
        String[][] webinarTopics = {{"1", "Attribution Finance Trusts"}, {"3", "Fixing Lead Routing"},
            {"5", "Data Quality for Marketing Ops"}, {"6", "Building a Lead Scoring Model"},
            {"9", "Consent and Compliance for B2B"}, {"10", "Planning Next Year's Budget"},
            {"11", "Pipeline Reviews That Work"}};
        for (String[] w : webinarTopics) {
            LocalDate day = onDay(Integer.parseInt(w[0]), 10 + r.nextInt(10));
            while (day.getDayOfWeek() != DayOfWeek.TUESDAY && day.getDayOfWeek() != DayOfWeek.THURSDAY) {
                day = day.plusDays(1);
            }
            campaign("Webinar: " + w[1], CampaignType.WEBINAR, Channel.WEBINAR, Kind.WEBINAR, day.minusDays(21), day,
                    webinars, 4_000 + r.nextInt(6) * 1_000L, "webinar_" + Vocabulary.ascii(w[1]), 1, w[1], null);
        }
        int events = campaign("Field Events", CampaignType.PROGRAM, Channel.EVENTS, Kind.PROGRAM, fy, fyEnd, -1, 0,
                null, 0, null, null);
        Object[][] eventList = {{"MOps Summit (booth)", CampaignType.TRADE_SHOW, 5, 20, "Chicago", 55_000L},
            {"SaaS Connect London", CampaignType.TRADE_SHOW, 6, 10, "London", 40_000L},
            {"Revenue Summit San Francisco", CampaignType.TRADE_SHOW, 10, 7, "San Francisco", 85_000L},
            {"Larkspur Customer Summit", CampaignType.EVENT, 11, 11, "New York", 120_000L},
            {"Executive Dinner Series", CampaignType.EVENT, 11, 25, "New York", 30_000L},
            {"Sydney Marketing Meetup", CampaignType.EVENT, 2, 18, "Sydney", 8_000L}};
        for (Object[] e : eventList) {
            LocalDate day = onDay((Integer) e[2], (Integer) e[3]);
            int days = e[1] == CampaignType.TRADE_SHOW ? 3 : 1;
            String name = (String) e[0];
            campaign(name + " " + day.getYear(), (CampaignType) e[1], Channel.EVENTS, Kind.EVENT, day.minusDays(30),
                    day.plusDays(days - 1), events, (Long) e[5], "event_" + Vocabulary.ascii(name) + "_" + day.getYear(),
                    1, name, (String) e[4]);
        }
        int mail = campaign("ABM Direct Mail", CampaignType.PROGRAM, Channel.DIRECT_MAIL, Kind.PROGRAM, fy, fyEnd, -1, 0,
                null, 0, null, null);
        LocalDate gift = onDay(10, 15);
        campaign("Q4 Executive Gift Box", CampaignType.DIRECT_MAIL, Channel.DIRECT_MAIL, Kind.DIRECT_MAIL, gift,
                gift.plusDays(45), mail, 45_000, "dm_gift_box_q4", 1, "Executive gift box", null);
        LocalDate book = onDay(4, 8);
        campaign("Spring Book Mailer", CampaignType.DIRECT_MAIL, Channel.DIRECT_MAIL, Kind.DIRECT_MAIL, book,
                book.plusDays(40), mail, 22_000, "dm_book_spring", 1, "The Revenue Operations Playbook (book)", null);
        int partners = campaign("Partner Program", CampaignType.PROGRAM, Channel.PARTNERS, Kind.PROGRAM, fy, fyEnd, -1,
                0, null, 0, null, null);
        campaign("Cloud Marketplace Co-marketing", CampaignType.PARTNER, Channel.PARTNERS, Kind.PARTNER, fy, fyEnd,
                partners, 30_000, "partner_marketplace", 4, "Cloud marketplace listing", null);
        campaign("Agency Referral Program", CampaignType.PARTNER, Channel.PARTNERS, Kind.PARTNER, fy.plusMonths(1),
                fyEnd, partners, 20_000, "partner_agency_referrals", 3, "Agency referral", null);
        // Programs plan the sum of their children's budgets.
        for (int p = 0; p < campaigns.size(); p++) {
            CampaignSpec program = campaigns.get(p);
            if (program.kind() != Kind.PROGRAM) {
                continue;
            }
            long sum = 0;
            for (CampaignSpec c : campaigns) {
                if (c.parent() == p) {
                    sum += c.plannedBudget();
                }
            }
            campaigns.set(p, new CampaignSpec(program.name(), program.type(), program.channel(), program.kind(),
                    program.start(), program.end(), -1, sum, program.utmCampaign(), program.status(), 0, null, null));
        }
        costs(r);
    }

    /** Monthly actual spend: the plan spread over active days, bent by season, never in the future. */
    private void costs(SplittableRandom r) {
        for (int c = 0; c < campaigns.size(); c++) {
            CampaignSpec campaign = campaigns.get(c);
            if (campaign.kind() == Kind.PROGRAM || campaign.plannedBudget() <= 0) {
                continue;
            }
            LocalDate from = campaign.start().isBefore(start) ? start : campaign.start();
            LocalDate to = campaign.end().isBefore(end) ? campaign.end() : end.minusDays(1);
            long activeDays = ChronoUnit.DAYS.between(campaign.start(), campaign.end()) + 1;
            for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
                LocalDate ps = month.isBefore(from) ? from : month;
                LocalDate monthEnd = month.with(TemporalAdjusters.lastDayOfMonth());
                LocalDate pe = monthEnd.isAfter(to) ? to : monthEnd;
                long days = ChronoUnit.DAYS.between(ps, pe) + 1;
                double share = (double) days / activeDays;
                double season = isOneOff(campaign.kind()) ? 1 : season(month.getMonthValue());
                long amount = Math.round(campaign.plannedBudget() * share * season * (0.85 + 0.3 * r.nextDouble())
                        / 100.0) * 100;
                if (amount > 0) {
                    costs.add(new CostSpec(c, ps, pe, amount, campaign.kind() == Kind.PAID_SEARCH
                            || campaign.kind() == Kind.PAID_SEARCH_BRAND || campaign.kind() == Kind.PAID_SOCIAL
                            || campaign.kind() == Kind.DISPLAY ? "Media spend (invoice)" : "Actual spend"));
                }
            }
        }
    }

    private static boolean isOneOff(Kind kind) {
        return kind == Kind.WEBINAR || kind == Kind.EVENT || kind == Kind.DIRECT_MAIL || kind == Kind.LAUNCH;
    }

    /** Relative activity by calendar month: a summer dip (August), strong Q4 and quarter-ends. */
    static double season(int month) {
        return switch (month) {
            case 1 -> 0.95;
            case 2 -> 1.0;
            case 3 -> 1.08;
            case 4 -> 0.98;
            case 5 -> 1.02;
            case 6 -> 1.05;
            case 7 -> 0.86;
            case 8 -> 0.66;
            case 9 -> 1.08;
            case 10 -> 1.16;
            case 11 -> 1.12;
            default -> 0.84;
        };
    }

    // ---------------------------------------------------------------- members

    private void members(SplittableRandom r) {
        memberContacts = new int[campaigns.size()][];
        memberStatuses = new MemberStatus[campaigns.size()][];
        int n = contacts.size();
        for (int c = 0; c < campaigns.size(); c++) {
            CampaignSpec campaign = campaigns.get(c);
            double fraction = switch (campaign.kind()) {
                case PROGRAM -> 0;
                case NEWSLETTER -> 0.35;
                case NURTURE -> 0.20;
                case LAUNCH -> 0.25;
                case QUARTER_END -> 0.12;
                case WEBINAR -> 0.018;
                case EVENT -> campaign.type() == CampaignType.TRADE_SHOW ? 0.02 : 0.008;
                case DIRECT_MAIL -> 0.015;
                case CONTENT -> 0.03;
                case PARTNER -> 0.008;
                default -> 0.012;
            };
            int count = (int) Math.round(n * fraction);
            if (fraction > 0) {
                count = Math.max(3, Math.min(n, count));
            }
            int[] chosen = sample(r, n, count, campaign.kind());
            MemberStatus[] statuses = new MemberStatus[chosen.length];
            LocalDate from = campaign.start().isBefore(start) ? start : campaign.start();
            LocalDate last = campaign.end().isBefore(end) ? campaign.end() : end.minusDays(1);
            long span = Math.max(1, ChronoUnit.DAYS.between(from, last) + 1);
            boolean future = !campaign.end().isBefore(end);
            for (int k = 0; k < chosen.length; k++) {
                double u = r.nextDouble();
                MemberStatus status = switch (campaign.kind()) {
                    case NEWSLETTER, NURTURE, LAUNCH, QUARTER_END -> u < 0.55 ? MemberStatus.SENT
                            : u < 0.85 ? MemberStatus.OPENED : MemberStatus.CLICKED;
                    case WEBINAR -> future ? MemberStatus.REGISTERED
                            : u < 0.45 ? MemberStatus.ATTENDED : u < 0.85 ? MemberStatus.NO_SHOW : MemberStatus.REGISTERED;
                    case EVENT -> future ? MemberStatus.REGISTERED
                            : u < 0.7 ? MemberStatus.ATTENDED : u < 0.8 ? MemberStatus.NO_SHOW : MemberStatus.REGISTERED;
                    case DIRECT_MAIL -> u < 0.85 ? MemberStatus.SENT : MemberStatus.RESPONDED;
                    case PAID_SEARCH, PAID_SEARCH_BRAND, PAID_SOCIAL, DISPLAY -> u < 0.6 ? MemberStatus.CLICKED
                            : MemberStatus.RESPONDED;
                    default -> MemberStatus.RESPONDED;
                };
                statuses[k] = status;
                Instant joined = at(from.plusDays(r.nextLong(span)), 9 + r.nextInt(8));
                if (campaign.kind() == Kind.WEBINAR || campaign.kind() == Kind.EVENT) {
                    joined = at(from.plusDays(r.nextLong(Math.max(1, span - 1))), 9 + r.nextInt(8));
                }
                Instant responded = status.responded() ? joined.plus(r.nextInt(72), ChronoUnit.HOURS) : null;
                if (responded != null && !responded.isBefore(end.atStartOfDay(ZoneOffset.UTC).toInstant())) {
                    responded = joined;
                }
                members.add(new MemberSpec(c, chosen[k], status, joined, responded));
            }
            memberContacts[c] = chosen;
            memberStatuses[c] = statuses;
        }
    }

    /** Distinct contacts, drawn without replacement; email programmes skip disqualified people. */
    private int[] sample(SplittableRandom r, int n, int count, Kind kind) {
        if (count <= 0) {
            return new int[0];
        }
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        int[] out = new int[count];
        int taken = 0;
        int limit = n;
        while (taken < count && limit > 0) {
            int j = r.nextInt(limit);
            int pickIndex = pool[j];
            pool[j] = pool[--limit];
            boolean email = kind == Kind.NEWSLETTER || kind == Kind.NURTURE || kind == Kind.LAUNCH
                    || kind == Kind.QUARTER_END;
            if (email && contacts.get(pickIndex).stage() == LifecycleStage.DISQUALIFIED) {
                continue;
            }
            out[taken++] = pickIndex;
        }
        return taken == count ? out : java.util.Arrays.copyOf(out, taken);
    }

    static Instant at(LocalDate day, int hourUtc) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(hourUtc, ChronoUnit.HOURS);
    }

    // ---------------------------------------------------------------- opportunities

    private void opportunities(SplittableRandom r) {
        int n = scaled(OPPORTUNITIES_PER_SCALE);
        double[] accountWeights = new double[accounts.size()];
        for (int a = 0; a < accountWeights.length; a++) {
            accountWeights[a] = Math.pow(accounts.get(a).employees(), 0.5);
        }
        List<List<Integer>> people = new ArrayList<>();
        for (int a = 0; a < accounts.size(); a++) {
            people.add(new ArrayList<>());
        }
        for (int i = 0; i < contacts.size(); i++) {
            if (contacts.get(i).account() >= 0) {
                people.get(contacts.get(i).account()).add(i);
            }
        }
        // Deals come from the channels that source pipeline, roughly as B2B SaaS sees it.
        List<Integer> sources = new ArrayList<>();
        List<Double> sourceWeights = new ArrayList<>();
        for (int c = 0; c < campaigns.size(); c++) {
            double w = switch (campaigns.get(c).kind()) {
                case PAID_SEARCH, PAID_SEARCH_BRAND -> 5;
                case PAID_SOCIAL -> 3;
                case EVENT -> 4;
                case WEBINAR -> 2;
                case CONTENT, SEO -> 3;
                case PARTNER -> 3;
                case DIRECT_MAIL -> 2.5;
                case NURTURE, QUARTER_END -> 1.5;
                default -> 0;
            };
            if (w > 0) {
                sources.add(c);
                sourceWeights.add(w);
            }
        }
        double[] sw = sourceWeights.stream().mapToDouble(Double::doubleValue).toArray();
        String[] deals = {"New business", "Enterprise plan", "Team plan", "Pilot", "Expansion", "Platform renewal"};
        LifecycleStage[] stages = new LifecycleStage[contacts.size()];
        long windowDays = ChronoUnit.DAYS.between(start, end);
        Map<String, Integer> dealNames = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            int a = pick(r, accountWeights);
            AccountSpec account = accounts.get(a);
            LocalDate created = start.plusDays(r.nextLong(windowDays));
            int cycle = 30 + r.nextInt(90) + (account.employees() > 1000 ? 45 : 0);
            long age = ChronoUnit.DAYS.between(created, end);
            OpportunityStage stage;
            LocalDate close = created.plusDays(cycle);
            if (age >= cycle) {
                stage = r.nextDouble() < 0.28 ? OpportunityStage.CLOSED_WON : OpportunityStage.CLOSED_LOST;
            } else {
                double progress = (double) age / cycle;
                stage = progress < 0.25 ? OpportunityStage.PROSPECTING : progress < 0.5 ? OpportunityStage.DISCOVERY
                        : progress < 0.8 ? OpportunityStage.PROPOSAL : OpportunityStage.NEGOTIATION;
            }
            long dollars = Math.round((8_000 + Math.pow(account.employees(), 0.65) * 180) * (0.6 + r.nextDouble())
                    / 500.0) * 500;
            int campaign = r.nextDouble() < 0.8 ? sources.get(pick(r, sw)) : -1;
            if (campaign >= 0 && campaigns.get(campaign).start().isAfter(created)) {
                campaign = -1;
            }
            String deal = deals[r.nextInt(deals.length)];
            String base = account.name() + " — " + deal;
            int seen = dealNames.merge(base, 1, Integer::sum);
            String name = seen == 1 ? base : base + " " + (created.getYear()) + "-" + seen;
            List<RoleSpec> roles = new ArrayList<>();
            List<Integer> candidates = people.get(a);
            int roleCount = Math.min(candidates.size(), 1 + r.nextInt(3));
            ContactRole.Role[] roleKinds = ContactRole.Role.values();
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < roleCount; i++) {
                int contact = candidates.get(r.nextInt(candidates.size()));
                if (!used.add(contact)) {
                    continue;
                }
                ContactRole.Role role = i == 0 ? (r.nextBoolean() ? ContactRole.Role.DECISION_MAKER
                        : ContactRole.Role.CHAMPION) : roleKinds[r.nextInt(roleKinds.length)];
                roles.add(new RoleSpec(contact, role, i == 0));
                LifecycleStage now = stage == OpportunityStage.CLOSED_WON ? LifecycleStage.CUSTOMER
                        : stage.isClosed() ? LifecycleStage.SQL : LifecycleStage.OPPORTUNITY;
                if (stages[contact] == null || now.ordinal() > stages[contact].ordinal()) {
                    stages[contact] = now;
                }
            }
            opportunities.add(new OpportunitySpec(name, a, campaign, account.owner(), stage, dollars * 100, close,
                    roles));
        }
        for (int i = 0; i < contacts.size(); i++) {
            if (stages[i] != null) {
                LifecycleStage s = stages[i] == LifecycleStage.CUSTOMER && r.nextDouble() < 0.12
                        ? LifecycleStage.EVANGELIST : stages[i];
                contacts.set(i, withStage(contacts.get(i), s, null));
            }
        }
        crmIds();
    }

    // ---------------------------------------------------------------- consent

    private void consents(SplittableRandom r) {
        long windowDays = ChronoUnit.DAYS.between(start, end);
        for (int i = 0; i < contacts.size(); i++) {
            ContactSpec c = contacts.get(i);
            if (c.place().region() != Region.EMEA || r.nextDouble() >= 0.06) {
                continue;
            }
            LocalDate day = start.plusDays(r.nextLong(windowDays));
            Instant granted = at(day, 8 + r.nextInt(10)).plusSeconds(r.nextInt(3600));
            consents.add(new ConsentSpec(i, ConsentStatus.GRANTED, r.nextBoolean() ? "web form: newsletter"
                    : "web form: request a demo", "Yes, Larkspur may email me product news, events and offers. "
                    + "I can unsubscribe at any time.", "marketing-email-v3", granted));
            if (r.nextDouble() < 0.1) {
                long left = ChronoUnit.DAYS.between(day, end);
                if (left > 1) {
                    Instant withdrawn = at(day.plusDays(1 + r.nextLong(left - 1)), 8 + r.nextInt(10));
                    consents.add(new ConsentSpec(i, ConsentStatus.WITHDRAWN, "unsubscribe link", null,
                            "marketing-email-v3", withdrawn));
                }
            }
        }
    }

    // ---------------------------------------------------------------- activity volume

    /**
     * Splits the year's activities over days in proportion to what the campaigns do on each day, so
     * that volume follows the calendar (launches, events, quarter-ends, the August dip).
     */
    private void quotas() {
        double[] dayWeights = new double[dayQuota.length];
        double total = 0;
        for (int d = 0; d < dayWeights.length; d++) {
            double[] sources = sourceWeights(start.plusDays(d));
            for (double w : sources) {
                dayWeights[d] += w;
            }
            total += dayWeights[d];
        }
        long target = Math.round(ACTIVITIES_PER_SCALE * spec.scale());
        double cumulative = 0;
        long allocated = 0;
        for (int d = 0; d < dayWeights.length; d++) {
            cumulative += dayWeights[d];
            long upTo = Math.round(cumulative / total * target);
            dayQuota[d] = (int) (upTo - allocated);
            allocated = upTo;
        }
        for (int m = 0; m < MONTHS; m++) {
            LocalDate from = monthStart(m);
            LocalDate to = monthStart(m + 1);
            long sum = 0;
            for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
                sum += dayQuota[(int) ChronoUnit.DAYS.between(start, day)];
            }
            monthQuota[m] = sum;
        }
    }

    /** Web sources without a campaign; their weights follow {@link #campaigns} in {@link #sourceWeights}. */
    static final Channel[] UNCAMPAIGNED = {Channel.ORGANIC_SEARCH, Channel.DIRECT, Channel.REFERRAL};
    private static final double[] UNCAMPAIGNED_WEIGHT = {34, 14, 5};

    /**
     * How much each source (one per campaign, then {@link #UNCAMPAIGNED}) produces on a day, in
     * arbitrary units: the day's share of the year's activity and the mix between channels.
     */
    double[] sourceWeights(LocalDate day) {
        double[] w = new double[campaigns.size() + UNCAMPAIGNED.length];
        int month = day.getMonthValue();
        double season = season(month);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double weekday = weekend ? 0.35 : 1.0;
        boolean holidays = (month == 12 && day.getDayOfMonth() >= 23) || (month == 1 && day.getDayOfMonth() <= 2);
        if (holidays) {
            weekday *= 0.45;
        }
        boolean quarterEnd = month % 3 == 0 && day.getDayOfMonth() > day.lengthOfMonth() - 14;
        for (int c = 0; c < campaigns.size(); c++) {
            CampaignSpec s = campaigns.get(c);
            if (s.kind() == Kind.PROGRAM || day.isBefore(s.start()) || (s.end() != null && day.isAfter(s.end()))) {
                continue;
            }
            double v = switch (s.kind()) {
                case PAID_SEARCH, PAID_SEARCH_BRAND, PAID_SOCIAL, DISPLAY -> s.intensity() * season * weekday
                        * (quarterEnd ? 1.25 : 1) * (month >= 10 && month <= 11 ? 1.15 : 1);
                case SEO, ORGANIC_SOCIAL, PARTNER -> s.intensity() * season * weekday;
                case CONTENT -> s.intensity() * weekday * (ChronoUnit.DAYS.between(s.start(), day) < 21 ? 3 : 1);
                case NEWSLETTER -> newsletterDay(day) ? 260 * weekday
                        : newsletterDay(day.minusDays(1)) ? 90 : newsletterDay(day.minusDays(2)) ? 30 : 0;
                case NURTURE -> s.intensity() * weekday * season;
                case LAUNCH -> {
                    long since = ChronoUnit.DAYS.between(s.start(), day);
                    yield since == 0 ? 320 : since < 4 ? 90 : since < 12 ? s.intensity() * weekday * 0.4 : 6 * weekday;
                }
                case QUARTER_END -> quarterEnd ? s.intensity() * weekday * 1.5 : 0;
                case WEBINAR -> {
                    long until = ChronoUnit.DAYS.between(day, s.end());
                    yield until == 0 ? 95 : until <= 21 ? (7 + (21 - until) * 0.8) * weekday : 0;
                }
                case EVENT -> {
                    long until = ChronoUnit.DAYS.between(day, s.end());
                    boolean on = !day.isBefore(s.end().minusDays(s.type() == CampaignType.TRADE_SHOW ? 2 : 0));
                    yield on ? (s.type() == CampaignType.TRADE_SHOW ? 150 : 60) : until <= 30 ? 3.5 * weekday : 0;
                }
                case DIRECT_MAIL -> {
                    long since = ChronoUnit.DAYS.between(s.start(), day);
                    yield since < 3 ? 120 * weekday : since < 40 ? 5 * weekday : 0;
                }
                default -> 0;
            };
            w[c] = v;
        }
        for (int k = 0; k < UNCAMPAIGNED.length; k++) {
            w[campaigns.size() + k] = UNCAMPAIGNED_WEIGHT[k] * season * weekday;
        }
        return w;
    }

    /** The newsletter goes out on the second Tuesday of the month. */
    static boolean newsletterDay(LocalDate day) {
        return day.equals(day.with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY)));
    }

    static int pick(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
