package dev.baton.demo.internal;

import dev.baton.demo.internal.DemoPlan.CampaignSpec;
import dev.baton.demo.internal.DemoPlan.ContactSpec;
import dev.baton.demo.internal.DemoPlan.Kind;
import dev.baton.management.MemberStatus;
import dev.baton.platform.Activity;
import dev.baton.platform.Channel;
import dev.baton.platform.NewActivity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Turns a day of the plan into activities. Each day has its own random stream (seed and day), so
 * any month can be generated on its own and always comes out the same: that is what lets a resumed
 * load write exactly the months that are missing.
 *
 * <p>Activity comes in "touches": an ad click followed by page views and perhaps a form; an email
 * sent, opened and clicked according to the member's status in the campaign; a webinar registration
 * and, on the day, attendance. People act in their own business hours.
 */
final class ActivityGenerator {

    private final DemoPlan plan;
    private final long[] contactIds;
    private final long[] accountIds;
    private final long[] campaignIds;
    private final double[] contactCumulative;

    ActivityGenerator(DemoPlan plan, long[] contactIds, long[] accountIds, long[] campaignIds) {
        this.plan = plan;
        this.contactIds = contactIds;
        this.accountIds = accountIds;
        this.campaignIds = campaignIds;
        this.contactCumulative = new double[plan.contacts.size()];
        double sum = 0;
        for (int i = 0; i < contactCumulative.length; i++) {
            sum += plan.contacts.get(i).weight();
            contactCumulative[i] = sum;
        }
    }

    /** The day's activities in time order; exactly the plan's quota for the day. */
    List<NewActivity> day(LocalDate day) {
        int quota = plan.dayQuota[(int) ChronoUnit.DAYS.between(plan.start, day)];
        List<NewActivity> out = new ArrayList<>(quota + 8);
        if (quota == 0) {
            return out;
        }
        SplittableRandom r = DemoPlan.rng(plan.spec.seed(), 1_000_003L + day.toEpochDay());
        double[] weights = plan.sourceWeights(day);
        Touch t = new Touch(out, quota, day.atStartOfDay(ZoneOffset.UTC).toInstant());
        while (out.size() < quota) {
            int source = DemoPlan.pick(r, weights);
            if (source < plan.campaigns.size()) {
                campaignTouch(r, t, source, day);
            } else {
                webTouch(r, t, DemoPlan.UNCAMPAIGNED[source - plan.campaigns.size()]);
            }
        }
        out.sort(Comparator.comparing(NewActivity::occurredAt));
        return out;
    }

    /** Collects one touch's activities, keeping them inside the day and the day's quota. */
    private final class Touch {
        final List<NewActivity> out;
        final int quota;
        final Instant dayStart;
        final long dayEndMs;
        long at;
        int contact;
        int campaign;
        Channel channel;
        Activity.Utm utm;

        Touch(List<NewActivity> out, int quota, Instant dayStart) {
            this.out = out;
            this.quota = quota;
            this.dayStart = dayStart;
            this.dayEndMs = dayStart.toEpochMilli() + 86_400_000L - 1;
        }

        /** Starts a touch by {@code contact} (or -1: anonymous) at a business hour in their time zone. */
        void begin(SplittableRandom r, int who, int campaignIndex, Channel ch, Activity.Utm tags) {
            contact = who;
            campaign = campaignIndex;
            channel = ch;
            utm = tags;
            int offset = who >= 0 ? plan.contacts.get(who).place().offset()
                    : Vocabulary.PLACES[r.nextInt(Vocabulary.PLACES.length)].offset();
            int localHour = r.nextDouble() < 0.85 ? 8 + r.nextInt(10) : r.nextInt(24);
            int utcHour = Math.floorMod(localHour - offset, 24);
            at = dayStart.toEpochMilli() + utcHour * 3_600_000L + r.nextInt(3_600_000);
        }

        void later(SplittableRandom r, int minSeconds, int maxSeconds) {
            at = Math.min(dayEndMs, at + 1000L * (minSeconds + r.nextInt(Math.max(1, maxSeconds - minSeconds))));
        }

        void emit(String type, String props) {
            if (out.size() >= quota) {
                return;
            }
            Long contactId = contact >= 0 ? contactIds[contact] : null;
            Long accountId = null;
            if (contact >= 0) {
                int account = plan.contacts.get(contact).account();
                accountId = account >= 0 ? accountIds[account] : null;
            }
            Long campaignId = campaign >= 0 ? campaignIds[campaign] : null;
            out.add(new NewActivity(Instant.ofEpochMilli(at), type, contactId, accountId, campaignId,
                    channel.code(), utm, props));
        }
    }

    // ---------------------------------------------------------------- touches

    private void campaignTouch(SplittableRandom r, Touch t, int c, LocalDate day) {
        CampaignSpec s = plan.campaigns.get(c);
        int[] members = plan.memberContacts[c];
        switch (s.kind()) {
            case PAID_SEARCH, PAID_SEARCH_BRAND, PAID_SOCIAL, DISPLAY -> adTouch(r, t, c, s, members);
            case SEO -> {
                t.begin(r, anonymousOr(r, 0.4), c, Channel.ORGANIC_SEARCH, Activity.Utm.NONE);
                String[] post = Vocabulary.BLOG[r.nextInt(Vocabulary.BLOG.length)];
                pageViews(r, t, post, "https://www.google.com/", 1 + r.nextInt(2));
                if (t.contact >= 0 && r.nextDouble() < 0.05) {
                    t.later(r, 30, 400);
                    t.emit("form_filled", form("Newsletter sign-up", post[0]));
                }
            }
            case CONTENT -> {
                int k = r.nextInt(members.length);
                boolean member = r.nextDouble() < 0.6;
                t.begin(r, member ? members[k] : anonymousOr(r, 0.5), c, Channel.ORGANIC_SEARCH,
                        r.nextBoolean() ? Activity.Utm.NONE
                                : new Activity.Utm("linkedin", "social", s.utmCampaign(), null, "report-teaser"));
                String path = "/resources/" + Vocabulary.ascii(s.topic());
                t.emit("page_view", page(path, s.topic(), "https://www.google.com/", t.contact));
                if (member) {
                    t.later(r, 20, 300);
                    t.emit("form_filled", form("Download: " + s.topic(), path));
                    t.later(r, 1, 5);
                    t.emit("content_downloaded", "{\"asset\":\"" + json(s.topic()) + "\",\"format\":\"pdf\"}");
                }
            }
            case ORGANIC_SOCIAL -> {
                t.begin(r, anonymousOr(r, 0.45), c, Channel.ORGANIC_SOCIAL,
                        new Activity.Utm("linkedin", "social", s.utmCampaign(), null, "post-" + (1 + r.nextInt(40))));
                String[] post = Vocabulary.BLOG[r.nextInt(Vocabulary.BLOG.length)];
                pageViews(r, t, post, "https://www.linkedin.com/", 1 + (r.nextDouble() < 0.3 ? 1 : 0));
            }
            case NEWSLETTER, NURTURE, LAUNCH, QUARTER_END -> emailTouch(r, t, c, s, members, day);
            case WEBINAR -> webinarTouch(r, t, c, s, members, day);
            case EVENT -> eventTouch(r, t, c, s, members, day);
            case DIRECT_MAIL -> directMailTouch(r, t, c, s, members, day);
            case PARTNER -> {
                int k = r.nextInt(members.length);
                boolean member = r.nextDouble() < 0.5;
                String partner = s.name().startsWith("Cloud") ? "cloud-marketplace" : "agency-network";
                t.begin(r, member ? members[k] : anonymousOr(r, 0.4), c, Channel.PARTNERS,
                        new Activity.Utm(partner, "referral", s.utmCampaign(), null, null));
                String[] landing = Vocabulary.PAGES[r.nextInt(4)];
                pageViews(r, t, landing, "https://" + partner + ".example.net/larkspur", 1 + r.nextInt(2));
                if (member && plan.memberStatuses[c][k] == MemberStatus.RESPONDED && r.nextDouble() < 0.5) {
                    t.later(r, 30, 300);
                    t.emit("form_filled", form("Contact sales", "/partners/" + partner));
                }
            }
            default -> webTouch(r, t, Channel.DIRECT);
        }
    }

    private void adTouch(SplittableRandom r, Touch t, int c, CampaignSpec s, int[] members) {
        boolean member = members.length > 0 && r.nextDouble() < 0.35;
        int k = member ? r.nextInt(members.length) : -1;
        int who = member ? members[k] : anonymousOr(r, 0.45);
        String network;
        String source;
        String medium;
        String keyword = null;
        switch (s.kind()) {
            case PAID_SEARCH_BRAND -> {
                network = "google_ads";
                source = "google";
                medium = "cpc";
                keyword = Vocabulary.BRAND_KEYWORDS[r.nextInt(Vocabulary.BRAND_KEYWORDS.length)];
            }
            case PAID_SEARCH -> {
                boolean bing = s.name().startsWith("Microsoft");
                network = bing ? "microsoft_ads" : "google_ads";
                source = bing ? "bing" : "google";
                medium = "cpc";
                keyword = Vocabulary.SEARCH_KEYWORDS[r.nextInt(Vocabulary.SEARCH_KEYWORDS.length)];
            }
            case PAID_SOCIAL -> {
                network = "linkedin_ads";
                source = "linkedin";
                medium = "paid_social";
            }
            default -> {
                network = "google_display";
                source = "google";
                medium = "display";
            }
        }
        String content = "ad-" + (1 + r.nextInt(6));
        t.begin(r, who, c, s.channel(), new Activity.Utm(source, medium, s.utmCampaign(), keyword, content));
        t.emit("ad_clicked", "{\"network\":\"" + network + "\"" + (keyword == null ? "" : ",\"keyword\":\""
                + keyword + "\"") + ",\"ad\":\"" + content + "\"}");
        String[] landing = s.kind() == Kind.PAID_SEARCH_BRAND ? Vocabulary.PAGES[r.nextInt(2)]
                : Vocabulary.PAGES[2 + r.nextInt(4)];
        t.later(r, 1, 4);
        pageViews(r, t, landing, null, 1 + (r.nextDouble() < 0.35 ? 1 : 0) + (r.nextDouble() < 0.1 ? 1 : 0));
        boolean responded = member && plan.memberStatuses[c][k] == MemberStatus.RESPONDED;
        if (responded ? r.nextDouble() < 0.5 : who >= 0 && r.nextDouble() < 0.02) {
            t.later(r, 20, 400);
            t.emit("form_filled", form(s.kind() == Kind.PAID_SOCIAL && s.name().contains("Lead Gen")
                    ? "LinkedIn Lead Gen Form" : Vocabulary.FORMS[r.nextInt(3)], "/demo"));
        }
    }

    private void emailTouch(SplittableRandom r, Touch t, int c, CampaignSpec s, int[] members, LocalDate day) {
        int k = r.nextInt(members.length);
        MemberStatus status = plan.memberStatuses[c][k];
        String subject = switch (s.kind()) {
            case NEWSLETTER -> "The Larkspur Brief — " + Vocabulary.MONTHS[day.getMonthValue() - 1] + " " + day.getYear();
            case NURTURE -> Vocabulary.NURTURE_SUBJECTS[r.nextInt(Vocabulary.NURTURE_SUBJECTS.length)];
            default -> s.topic();
        };
        String content = s.kind() == Kind.NEWSLETTER
                ? String.format(Locale.ROOT, "newsletter-%d-%02d", day.getYear(), day.getMonthValue())
                : s.kind() == Kind.NURTURE ? "nurture-step-" + (1 + r.nextInt(6)) : "email-1";
        t.begin(r, members[k], c, Channel.EMAIL, new Activity.Utm("larkspur", "email", s.utmCampaign(), null, content));
        String props = "{\"subject\":\"" + json(subject) + "\",\"email\":\"" + content + "\"}";
        t.emit("email_sent", props);
        if (status == MemberStatus.SENT) {
            if (r.nextDouble() < 0.012) {
                t.later(r, 5, 60);
                t.emit("email_bounced", "{\"subject\":\"" + json(subject) + "\",\"bounce\":\"hard\"}");
            }
            return;
        }
        if (r.nextDouble() < 0.75) {
            t.later(r, 120, 6 * 3600);
            t.emit("email_opened", props);
            if (status == MemberStatus.CLICKED && r.nextDouble() < 0.65) {
                t.later(r, 5, 120);
                String[] target = s.kind() == Kind.QUARTER_END ? Vocabulary.PAGES[1]
                        : Vocabulary.BLOG[r.nextInt(Vocabulary.BLOG.length)];
                t.emit("email_clicked", "{\"subject\":\"" + json(subject) + "\",\"link\":\"" + Vocabulary.SITE
                        + target[0] + "\"}");
                t.later(r, 1, 4);
                pageViews(r, t, target, null, 1 + (r.nextDouble() < 0.3 ? 1 : 0));
            } else if (r.nextDouble() < 0.004) {
                t.later(r, 5, 60);
                t.emit("email_unsubscribed", "{\"subject\":\"" + json(subject) + "\"}");
            }
        }
    }

    private void webinarTouch(SplittableRandom r, Touch t, int c, CampaignSpec s, int[] members, LocalDate day) {
        int k = r.nextInt(members.length);
        MemberStatus status = plan.memberStatuses[c][k];
        String slug = "/webinars/" + Vocabulary.ascii(s.topic());
        String props = "{\"webinar\":\"" + json(s.topic()) + "\",\"session_date\":\"" + s.end() + "\"}";
        if (day.isBefore(s.end())) {
            boolean invite = r.nextDouble() < 0.4;
            t.begin(r, members[k], c, Channel.WEBINAR, new Activity.Utm("larkspur", "email", s.utmCampaign(), null,
                    invite ? "invite" : "registration"));
            if (invite) {
                t.emit("email_sent", "{\"subject\":\"You're invited: " + json(s.topic()) + "\",\"email\":\"invite\"}");
                return;
            }
            t.emit("page_view", page(slug, "Webinar: " + s.topic(), null, t.contact));
            t.later(r, 30, 240);
            t.emit("webinar_registered", props);
            return;
        }
        t.begin(r, members[k], c, Channel.WEBINAR, Activity.Utm.NONE);
        if (status == MemberStatus.ATTENDED) {
            t.emit("webinar_attended", "{\"webinar\":\"" + json(s.topic()) + "\",\"minutes_watched\":"
                    + (10 + r.nextInt(50)) + "}");
            if (r.nextDouble() < 0.3) {
                t.later(r, 3600, 4 * 3600);
                t.emit("content_downloaded", "{\"asset\":\"" + json(s.topic()) + " (slides)\",\"format\":\"pdf\"}");
            }
        } else {
            t.emit("email_sent", "{\"subject\":\"Sorry we missed you: " + json(s.topic())
                    + " recording\",\"email\":\"no-show-follow-up\"}");
        }
    }

    private void eventTouch(SplittableRandom r, Touch t, int c, CampaignSpec s, int[] members, LocalDate day) {
        int k = r.nextInt(members.length);
        MemberStatus status = plan.memberStatuses[c][k];
        String firstDay = s.end().minusDays(s.type() == dev.baton.management.CampaignType.TRADE_SHOW ? 2 : 0)
                .toString();
        boolean on = !day.isBefore(LocalDate.parse(firstDay));
        if (!on) {
            t.begin(r, members[k], c, Channel.EVENTS, new Activity.Utm("larkspur", "email", s.utmCampaign(), null,
                    "event-invite"));
            t.emit("page_view", page("/events/" + Vocabulary.ascii(s.topic()), s.name(), null, t.contact));
            t.later(r, 30, 300);
            t.emit("event_registered", "{\"event\":\"" + json(s.name()) + "\",\"city\":\"" + json(s.city()) + "\"}");
            return;
        }
        t.begin(r, members[k], c, Channel.EVENTS, Activity.Utm.NONE);
        if (status == MemberStatus.ATTENDED) {
            boolean booth = s.type() == dev.baton.management.CampaignType.TRADE_SHOW;
            t.emit("event_attended", "{\"event\":\"" + json(s.name()) + "\",\"city\":\"" + json(s.city())
                    + "\",\"booth_scan\":" + booth + "}");
        } else {
            t.emit("email_sent", "{\"subject\":\"Thanks for your interest in " + json(s.name())
                    + "\",\"email\":\"event-follow-up\"}");
        }
    }

    private void directMailTouch(SplittableRandom r, Touch t, int c, CampaignSpec s, int[] members, LocalDate day) {
        int k = r.nextInt(members.length);
        MemberStatus status = plan.memberStatuses[c][k];
        long since = ChronoUnit.DAYS.between(s.start(), day);
        if (since < 3) {
            t.begin(r, members[k], c, Channel.DIRECT_MAIL, Activity.Utm.NONE);
            t.emit("direct_mail_sent", "{\"piece\":\"" + json(s.topic()) + "\",\"carrier\":\""
                    + (r.nextBoolean() ? "UPS" : "FedEx") + "\"}");
            return;
        }
        t.begin(r, members[k], c, Channel.DIRECT_MAIL,
                new Activity.Utm("direct_mail", "qr_code", s.utmCampaign(), null, null));
        t.emit("page_view", page("/vip/" + Vocabulary.ascii(s.topic()), s.topic(), null, t.contact));
        if (status == MemberStatus.RESPONDED && r.nextDouble() < 0.6) {
            t.later(r, 30, 300);
            t.emit("form_filled", form("Book a meeting", "/vip/" + Vocabulary.ascii(s.topic())));
        }
    }

    private void webTouch(SplittableRandom r, Touch t, Channel channel) {
        switch (channel) {
            case ORGANIC_SEARCH -> {
                t.begin(r, anonymousOr(r, 0.4), -1, channel, Activity.Utm.NONE);
                String[] landing = r.nextDouble() < 0.55 ? Vocabulary.BLOG[r.nextInt(Vocabulary.BLOG.length)]
                        : Vocabulary.PAGES[r.nextInt(Vocabulary.PAGES.length)];
                pageViews(r, t, landing, "https://www.google.com/", 1 + r.nextInt(3));
                convert(r, t, 0.04);
            }
            case REFERRAL -> {
                t.begin(r, anonymousOr(r, 0.4), -1, channel, Activity.Utm.NONE);
                String referrer = Vocabulary.REFERRERS[r.nextInt(Vocabulary.REFERRERS.length)];
                pageViews(r, t, Vocabulary.PAGES[r.nextInt(8)], referrer, 1 + r.nextInt(2));
                convert(r, t, 0.05);
            }
            default -> {
                t.begin(r, anonymousOr(r, 0.25), -1, Channel.DIRECT, Activity.Utm.NONE);
                String[] landing = r.nextDouble() < 0.4 ? Vocabulary.PAGES[0]
                        : Vocabulary.PAGES[r.nextInt(Vocabulary.PAGES.length)];
                pageViews(r, t, landing, null, 1 + r.nextInt(3));
                convert(r, t, 0.03);
            }
        }
    }

    private void convert(SplittableRandom r, Touch t, double chance) {
        if (t.contact < 0 || r.nextDouble() >= chance) {
            return;
        }
        t.later(r, 20, 400);
        if (r.nextBoolean()) {
            t.emit("form_filled", form(Vocabulary.FORMS[r.nextInt(Vocabulary.FORMS.length)], "/demo"));
        } else {
            String[] post = Vocabulary.BLOG[r.nextInt(Vocabulary.BLOG.length)];
            t.emit("content_downloaded", "{\"asset\":\"" + json(post[1]) + " (guide)\",\"format\":\"pdf\"}");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A known person (weighted: engaged people come back) or, with the given chance, an anonymous visitor. */
    private int anonymousOr(SplittableRandom r, double anonymousChance) {
        if (r.nextDouble() < anonymousChance) {
            return -1;
        }
        double u = r.nextDouble() * contactCumulative[contactCumulative.length - 1];
        int lo = 0;
        int hi = contactCumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (contactCumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void pageViews(SplittableRandom r, Touch t, String[] landing, String referrer, int views) {
        t.emit("page_view", page(landing[0], landing[1], referrer, t.contact, r));
        for (int i = 1; i < views; i++) {
            t.later(r, 15, 240);
            String[] next = Vocabulary.PAGES[r.nextInt(Vocabulary.PAGES.length)];
            t.emit("page_view", page(next[0], next[1], Vocabulary.SITE + landing[0], t.contact, r));
        }
    }

    private String page(String path, String title, String referrer, int contact) {
        return page(path, title, referrer, contact, null);
    }

    private String page(String path, String title, String referrer, int contact, SplittableRandom r) {
        StringBuilder b = new StringBuilder(160).append("{\"url\":\"").append(Vocabulary.SITE).append(path)
                .append("\",\"title\":\"").append(json(title)).append('"');
        if (referrer != null) {
            b.append(",\"referrer\":\"").append(referrer).append('"');
        }
        String anonymous = null;
        if (contact >= 0) {
            ContactSpec c = plan.contacts.get(contact);
            anonymous = c.anonymousId();
        } else if (r != null) {
            anonymous = String.format(Locale.ROOT, "anon-%016x", r.nextLong());
        }
        if (anonymous != null) {
            b.append(",\"anonymous_id\":\"").append(anonymous).append('"');
        }
        return b.append('}').toString();
    }

    private static String form(String name, String path) {
        return "{\"form\":\"" + json(name) + "\",\"url\":\"" + Vocabulary.SITE + path + "\"}";
    }

    static String json(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
