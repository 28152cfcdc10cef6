package dev.baton.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.RequestOptions;
import dev.baton.governance.ConsentLedger;
import dev.baton.governance.ConsentRecord;
import dev.baton.governance.ConsentStatus;
import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.OpportunityDraft;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.management.CostEntryDraft;
import dev.baton.management.MemberStatus;
import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.AccountDraft;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDraft;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.AuditLog;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.ProcessorRuntime;
import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import dev.baton.support.Chromium;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The web UI in a real browser (Playwright driving Debian's Chromium) against a real Baton on each
 * engine: sign-in, dashboard chart, contact search, timeline paging, account and campaign pages, role
 * checks (403) and friendly errors. Seeds its data through the module APIs.
 */
// every test signs in from 127.0.0.1: lift the per-IP sign-in rate limit, which has its own tests
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "baton.security.login-attempts-per-minute=1000")
@ActiveProfiles("test")
abstract class UiBrowserContract {

    static final String ADMIN_EMAIL = "admin@test.local";
    static final String ADMIN_PASSWORD = "admin-password-1";
    static final String SALES_EMAIL = "sam.sales@test.local";
    static final String SALES_PASSWORD = "sales-password-1";
    static final String OPS_EMAIL = "olga.ops@test.local";
    static final String OPS_PASSWORD = "ops-password-123";
    static final int ADA_ACTIVITIES = 30;

    static Chromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    ContactDirectory contacts;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    CampaignManagement campaigns;
    @Autowired
    Pipeline pipeline;
    @Autowired
    ActivityLog activityLog;
    @Autowired
    ProcessorRuntime processors;
    @Autowired
    UserDirectory users;
    @Autowired
    ConsentLedger consent;
    @Autowired
    AuditLog audit;
    @Autowired
    Clock clock;

    BrowserContext context;
    Page page;

    @BeforeAll
    static void launchBrowser() {
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void openPage() {
        seedOnce();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
                .setBaseURL("http://localhost:" + port));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    void adminBrowsesDashboardContactTimelineAccountAndCampaign() {
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        // dashboard: counts, the trend chart drawn by ECharts, pipeline, lag badge
        assertThat(page.locator("h1").first().textContent()).contains("Administrator");
        assertThat(page.locator("[data-testid=kpi-contacts]").textContent().trim()).isEqualTo("4");
        assertThat(page.locator("[data-testid=kpi-accounts]").textContent().trim()).isEqualTo("2");
        assertThat(page.locator("[data-testid=kpi-campaigns]").textContent().trim()).isEqualTo("1");
        assertThat(page.locator("[data-testid=kpi-pipeline]").textContent().trim()).isEqualTo("$48K");
        page.locator("#trend-chart canvas").first().waitFor();
        assertThat(page.locator("[data-testid=lag-badge]").textContent()).contains("up to date");
        assertThat(page.locator("[data-testid=user-role]").textContent().trim()).isEqualTo("Admin");
        assertThat(page.locator(".nav-coming").allTextContents()).hasSize(5)
                .allSatisfy(t -> assertThat(t).contains("coming"));
        assertThat(page.locator(".nav-coming a, a.nav-coming").count()).isZero();
        screenshot("dashboard");

        // contacts: live search narrows the table without a page load
        page.locator("[data-nav=contacts]").click();
        page.waitForURL("**/contacts");
        assertThat(page.locator("[data-testid=contacts-table] tbody tr").count()).isEqualTo(4);
        page.locator("[data-testid=contact-search]").fill("lovelace");
        page.waitForCondition(() -> page.locator("[data-testid=contacts-table] tbody tr").count() == 1);
        assertThat(page.locator("[data-testid=contacts-table] tbody").textContent()).contains("Ada Lovelace")
                .doesNotContain("Grace");
        assertThat(page.url()).contains("q=lovelace");
        page.locator("[data-testid=contacts-table] a", new Page.LocatorOptions().setHasText("Ada Lovelace")).click();

        // the contact page: profile, engagement, campaigns, opportunity role, consent, timeline
        page.waitForURL("**/contacts/*");
        assertThat(page.locator("[data-testid=contact-name]").textContent()).contains("Ada Lovelace");
        assertThat(page.locator("[data-testid=contact-stage]").textContent().trim()).isEqualTo("MQL");
        assertThat(page.locator("[data-testid=eng-total]").textContent().trim()).isEqualTo(
                String.valueOf(ADA_ACTIVITIES));
        String body = page.locator("#page").textContent();
        assertThat(body).contains("Spring Launch Webinar", "Northwind expansion", "Champion", "Granted");
        Locator entries = page.locator("[data-testid=timeline] li.tl-item");
        assertThat(entries.count()).isEqualTo(20);
        // grouped by the day in the user's time zone, newest day first
        assertThat(page.locator("[data-testid=timeline] > li").first().getAttribute("class")).isEqualTo("tl-day");
        assertThat(entries.first().textContent()).contains("Webinar attended", "utm_source", "linkedin",
                "<b>not bold</b>");
        // user data is rendered as text, never as markup
        assertThat(page.locator("[data-testid=timeline] .chip span b").count()).isZero();
        screenshot("contact");
        page.locator("[data-testid=load-more]").click();
        page.waitForCondition(() -> entries.count() == ADA_ACTIVITIES);
        assertThat(page.locator("[data-testid=timeline-end]").isVisible()).isTrue();
        assertThat(page.locator("[data-testid=load-more]").count()).isZero();
        // newest first, and the last one is the oldest seeded activity
        assertThat(entries.last().textContent()).contains("Page view", "/pricing-0");

        // its account
        page.locator("[data-testid=account-link]").click();
        page.waitForURL("**/accounts/*");
        assertThat(page.locator("[data-testid=account-name]").textContent()).contains("Northwind Analytics");
        assertThat(page.locator("[data-testid=account-people]").textContent()).contains("Ada Lovelace",
                "Alan Turing");
        assertThat(page.locator("[data-testid=account-opportunities]").textContent()).contains("Northwind expansion",
                "$48,000");
        assertThat(page.locator("[data-testid=timeline] li.tl-item").count()).isEqualTo(20);

        // a campaign
        page.locator("[data-nav=campaigns]").click();
        page.waitForURL("**/campaigns");
        page.locator("[data-testid=campaigns-table] a", new Page.LocatorOptions().setHasText("Spring Launch Webinar"))
                .click();
        page.waitForURL("**/campaigns/*");
        assertThat(page.locator("[data-testid=campaign-name]").textContent()).contains("Spring Launch Webinar");
        assertThat(page.locator("[data-testid=campaign-spend]").textContent().trim()).isEqualTo("$1,200");
        assertThat(page.locator("[data-testid=campaign-members]").textContent()).contains("Ada Lovelace",
                "Registered");
        assertThat(page.locator("#page").textContent()).contains("Northwind expansion");
    }

    @Test
    void listsSortByClickableHeaders() {
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        // by last name: Dijkstra, Hopper, Lovelace, Turing
        page.navigate("/contacts?sort=name&dir=asc");
        assertThat(firstCells("[data-testid=contacts-table]").get(0)).contains("Edsger Dijkstra");
        page.locator("[data-testid=contacts-table] th a.sort", new Page.LocatorOptions().setHasText("Name")).click();
        page.waitForCondition(() -> page.url().contains("dir=desc"));
        page.waitForCondition(() -> firstCells("[data-testid=contacts-table]").get(0).contains("Alan Turing"));
        assertThat(firstCells("[data-testid=contacts-table]").get(3)).contains("Edsger Dijkstra");
    }

    @Test
    void salesUserIsForbiddenFromCampaignsAndAdministration() {
        signIn(SALES_EMAIL, SALES_PASSWORD);
        assertThat(page.locator("[data-testid=user-role]").textContent().trim()).isEqualTo("Sales");
        assertThat(page.locator(".app-user .meta").textContent()).contains("America/New_York");
        assertThat(page.locator("[data-nav=campaigns]").count()).isZero();
        assertThat(page.locator("[data-nav=users]").count()).isZero();

        Response campaignsPage = page.navigate("/campaigns");
        assertThat(campaignsPage.status()).isEqualTo(403);
        assertThat(page.locator("[data-testid=error-title]").textContent()).contains("don't have access");

        Response adminPage = page.navigate("/admin/users");
        assertThat(adminPage.status()).isEqualTo(403);
        assertThat(page.locator("[data-testid=error-title]").textContent()).contains("don't have access");

        // what sales may see still works
        assertThat(page.navigate("/opportunities").status()).isEqualTo(200);
        assertThat(page.locator("[data-testid=opportunities-table]").textContent()).contains("Northwind expansion");
    }

    @Test
    void opsSeesProcessorsButOnlyAdminsRebuild() {
        signIn(OPS_EMAIL, OPS_PASSWORD);
        assertThat(page.locator("[data-nav=processors]").count()).isEqualTo(1);
        assertThat(page.locator("[data-nav=users]").count()).isZero();
        assertThat(page.navigate("/system/processors").status()).isEqualTo(200);
        assertThat(page.locator("[data-testid=processors-table]").textContent()).contains("engagement-rollups");
        assertThat(page.locator("[data-testid=processors-table] button").count()).isZero();
        // even with a valid CSRF token, the rebuild itself is refused
        String csrf = page.locator("form[action='/logout'] input[name=_csrf]").getAttribute("value");
        APIResponse rebuild = page.request().post("/system/processors/engagement-rollups/rebuild",
                RequestOptions.create().setForm(FormData.create().set("_csrf", csrf)).setMaxRedirects(0));
        assertThat(rebuild.status()).isEqualTo(403);
        assertThat(page.navigate("/admin/tokens").status()).isEqualTo(403);
    }

    @Test
    void wrongPasswordShowsTheErrorOnTheSignInPage() {
        page.navigate("/");
        page.waitForURL("**/login");
        page.locator("#username").fill(ADMIN_EMAIL);
        page.locator("#password").fill("not-the-password");
        page.locator("[data-testid=sign-in]").click();
        page.waitForURL("**/login?error");
        assertThat(page.locator("[data-testid=login-error]").textContent())
                .contains("email and password do not match");
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() {
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        for (String path : List.of("/contacts/not-an-id", "/contacts/" + Ids.format(Ids.next()),
                "/accounts/%27--", "/campaigns/" + Ids.format(Ids.next()), "/admin/users/zzz",
                "/no/such/page")) {
            Response r = page.navigate(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(page.locator("[data-testid=error-title]").textContent()).as(path)
                    .contains("couldn't find that");
        }
    }

    @Test
    void oddListParametersAndCursorsNeverFailTheServer() {
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Response beyond = page.navigate("/contacts?page=2147483647&sort=bogus&dir=sideways&stage=nonsense");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(page.locator("[data-testid=contacts-table] tbody tr").count()).isEqualTo(4);
        String ada = Ids.format(contacts.findByEmail("ada@northwind.io").orElseThrow().id());
        Response badCursor = page.navigate("/contacts/" + ada + "/timeline?before=garbage");
        assertThat(badCursor.status()).isEqualTo(400);
        // a browser gets the HTML error page, not problem+json
        Response badPage = page.navigate("/contacts?page=abc");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.headerValue("content-type")).startsWith("text/html");
        assertThat(page.locator("[data-testid=error-title]").textContent()).contains("could not be handled");
        Response members = page.navigate("/campaigns/"
                + Ids.format(campaigns.findByUtmCampaign("spring-launch").orElseThrow().id()) + "?members=99999");
        assertThat(members.status()).isEqualTo(200);
        assertThat(page.locator("[data-testid=campaign-members]").textContent()).contains("Ada Lovelace");
    }

    @Test
    void adminRebuildsAProcessor() {
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        page.navigate("/system/processors");
        assertThat(page.locator("[data-testid=processors-table]").textContent()).contains("engagement-rollups",
                "Up to date");
        page.onDialog(dialog -> dialog.accept());
        page.locator("[data-testid=processors-table] button", new Page.LocatorOptions().setHasText("Rebuild"))
                .first().click();
        page.waitForURL("**/system/processors");
        assertThat(page.locator(".alert-success").textContent()).contains("rebuilding");
        processors.drainAll();
        assertThat(audit.recent(20)).anySatisfy(e -> assertThat(e.action()).isEqualTo("processor.rebuild"));
    }

    @Test
    void adminCreatesAUserWithFieldErrorsFirstAndIssuesAToken() {
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        page.navigate("/admin/users/new");
        page.locator("#email").fill("not-an-email");
        page.locator("#displayName").fill("Vera Viewer");
        page.locator("#role").selectOption("VIEWER");
        page.locator("#timeZone").fill("Mars/Olympus");
        page.locator("#password").fill("short");
        page.locator("[data-testid=save-user]").click();
        page.waitForLoadState(LoadState.DOMCONTENTLOADED);
        assertThat(page.locator("[data-field=email]").textContent()).contains("valid email");
        assertThat(page.locator("[data-field=timeZone]").textContent()).contains("time zone");
        assertThat(page.locator("[data-field=password]").textContent()).contains("at least 10");
        assertThat(page.locator("#displayName").inputValue()).isEqualTo("Vera Viewer");

        page.locator("#email").fill("vera@test.local");
        page.locator("#timeZone").fill("Europe/Berlin");
        page.locator("#password").fill("viewer-password-1");
        page.locator("[data-testid=save-user]").click();
        page.waitForURL("**/admin/users");
        assertThat(page.locator("[data-testid=users-table]").textContent()).contains("vera@test.local", "Viewer");
        assertThat(users.findByEmail("vera@test.local")).get()
                .satisfies(u -> assertThat(u.timeZone()).isEqualTo("Europe/Berlin"))
                .satisfies(u -> assertThat(u.role()).isEqualTo(Role.VIEWER));

        page.navigate("/admin/tokens");
        page.locator("#token-name").fill("Website collector");
        page.locator("#scope-ingest").check();
        page.locator("#scope-api").uncheck();
        page.locator("[data-testid=issue-token]").click();
        page.waitForURL("**/admin/tokens");
        String secret = page.locator("[data-testid=token-secret]").textContent().trim();
        assertThat(secret).startsWith("bt_");
        // shown exactly once
        page.reload();
        assertThat(page.locator("[data-testid=token-secret]").count()).isZero();
        assertThat(page.locator("[data-testid=tokens-table]").textContent()).contains("Website collector", "ingest");

        page.navigate("/admin/audit");
        assertThat(page.locator("[data-testid=audit-table]").textContent()).contains("user.created", "token.issued",
                "vera@test.local");
    }

    // ---------------------------------------------------------------- helpers

    void signIn(String email, String password) {
        page.navigate("/login");
        page.locator("#username").fill(email);
        page.locator("#password").fill(password);
        page.locator("[data-testid=sign-in]").click();
        page.waitForURL(url -> !url.contains("/login"));
        page.locator("[data-testid=user-name]").waitFor();
    }

    List<String> firstCells(String table) {
        return page.locator(table + " tbody tr td:first-child").allTextContents();
    }

    void screenshot(String name) {
        String engine = getClass().getSimpleName().replace("UiBrowser", "").replace("Test", "").toLowerCase();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(buildDir().resolve("screenshots").resolve(name + "-" + engine + ".png")));
    }

    /** target-<name>/ of this build: the parent of test-classes. */
    static Path buildDir() {
        try {
            return Paths.get(UiBrowserContract.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- seed data

    private void seedOnce() {
        if (contacts.findByEmail("ada@northwind.io").isPresent()) {
            return;
        }
        users.create(new UserDirectory.UserDraft(OPS_EMAIL, "Olga Ops", Role.OPS, null, "Asia/Tokyo", true),
                OPS_PASSWORD);
        users.create(new UserDirectory.UserDraft(SALES_EMAIL, "Sam Sales", Role.SALES, null, "America/New_York",
                true), SALES_PASSWORD);
        Account northwind = accounts.create(new AccountDraft("Northwind Analytics", "northwind.io", "Software", 420,
                38_000_000L, "EMEA", "DE", null));
        Account globex = accounts.create(new AccountDraft("Globex Corporation", "globex.com", "Manufacturing", 5200,
                900_000_000L, "North America", "US", null));
        Contact ada = contacts.create(new ContactDraft("ada@northwind.io", "Ada", "Lovelace", "Head of Growth",
                "+49 30 1234567", "Northwind Analytics", "DE", "Berlin", northwind.id(), null, LifecycleStage.MQL,
                "webinar", "Europe/Berlin"));
        contacts.create(new ContactDraft("alan@northwind.io", "Alan", "Turing", "Data Engineer", null,
                "Northwind Analytics", "DE", "Munich", northwind.id(), null, LifecycleStage.LEAD, "organic_search",
                "Europe/Berlin"));
        Contact grace = contacts.create(new ContactDraft("grace@globex.com", "Grace", "Hopper", "VP Engineering",
                null, "Globex Corporation", "US", "Arlington", globex.id(), null, LifecycleStage.SQL, "event",
                "America/New_York"));
        contacts.create(new ContactDraft("edsger@example.org", "Edsger", "Dijkstra", "Consultant", null, null, "NL",
                "Eindhoven", null, null, LifecycleStage.SUBSCRIBER, null, null));

        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Campaign webinar = campaigns.create(new CampaignDraft("Spring Launch Webinar", CampaignType.WEBINAR,
                Channel.WEBINAR, CampaignStatus.ACTIVE, today.minusDays(30), today.plusDays(30), null, 500_000L,
                "USD", "spring-launch"));
        campaigns.createCost(new CostEntryDraft(webinar.id(), today.minusDays(30), today.minusDays(1), 120_000L,
                "USD", "LinkedIn promotion"));
        campaigns.upsertMember(webinar.id(), ada.id(), MemberStatus.REGISTERED, clock.instant().minusSeconds(86_400));
        campaigns.upsertMember(webinar.id(), grace.id(), MemberStatus.SENT, clock.instant().minusSeconds(86_400));
        pipeline.create(new OpportunityDraft("Northwind expansion", northwind.id(), webinar.id(), null,
                        OpportunityStage.PROPOSAL, 4_800_000L, "USD", today.plusDays(45)),
                List.of(new ContactRole(ada.id(), ContactRole.Role.CHAMPION, true)));
        consent.record(new ConsentRecord(0, ada.id(), "email", "marketing", ConsentStatus.GRANTED, "consent",
                "webinar registration form", "Send me product news", "v3", null, null,
                clock.instant().minusSeconds(2 * 86_400)));

        // Ada: 30 activities, oldest first; the newest is a webinar attendance with UTM tags
        Instant now = clock.instant();
        List<NewActivity> batch = new ArrayList<>();
        for (int i = 0; i < ADA_ACTIVITIES; i++) {
            Instant at = now.minus(Duration.ofHours((ADA_ACTIVITIES - i) * 40L));
            boolean last = i == ADA_ACTIVITIES - 1;
            String type = last ? "webinar_attended" : (i % 3 == 0 ? "page_view" : i % 3 == 1 ? "email_opened"
                    : "form_submitted");
            String channel = last ? Channel.WEBINAR.code() : i % 3 == 1 ? Channel.EMAIL.code()
                    : Channel.ORGANIC_SEARCH.code();
            Activity.Utm utm = last ? new Activity.Utm("linkedin", "paid_social", "spring-launch", null, null)
                    : Activity.Utm.NONE;
            batch.add(new NewActivity(at, type, ada.id(), northwind.id(), last ? webinar.id() : null, channel, utm,
                    "{\"url\":\"https://northwind.io/pricing-" + i + "\",\"note\":\"<b>not bold</b>\"}"));
        }
        for (int i = 0; i < 5; i++) {
            batch.add(new NewActivity(now.minus(Duration.ofDays(i * 20L + 1)), "email_clicked", grace.id(),
                    globex.id(), webinar.id(), Channel.EMAIL.code(), Activity.Utm.NONE, null));
        }
        activityLog.append(batch);
        processors.drainAll();
    }
}
