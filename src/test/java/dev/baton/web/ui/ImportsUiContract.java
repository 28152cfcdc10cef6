package dev.baton.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignQuery;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Channel;
import dev.baton.platform.Role;
import dev.baton.platform.SortOrder;
import dev.baton.platform.UserDirectory;
import dev.baton.support.Chromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
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
 * The import pages in a real browser: upload a CSV with one bad row, see the preview and suggested mapping,
 * set list source and provenance, start, watch the progress card reach "completed" with the counts, and
 * download the row-level error report; a rejected file shows its reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"baton.security.login-attempts-per-minute=1000", "baton.imports.chunk-rows=2"})
@ActiveProfiles("test")
abstract class ImportsUiContract {

    static Chromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    ContactDirectory contacts;
    @Autowired
    CampaignManagement campaigns;

    BrowserContext context;
    Page page;
    String marketer;

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
        marketer = "mia." + UUID.randomUUID().toString().substring(0, 8) + "@test.local";
        users.create(new UserDirectory.UserDraft(marketer, "Mia Marketer", Role.MARKETER, null, "UTC", true),
                "marketer-password-1");
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
                .setBaseURL("http://localhost:" + port).setAcceptDownloads(true));
        context.setDefaultTimeout(20_000);
        page = context.newPage();
        page.navigate("/login");
        page.locator("#username").fill(marketer);
        page.locator("#password").fill("marketer-password-1");
        page.locator("[data-testid=sign-in]").click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void uploadMapRunAndDownloadTheErrorReport() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        Path csv = Files.createTempFile("ui-import-", ".csv");
        Files.writeString(csv, """
                E-mail;Given Name;Company Name;Shoe Size
                ann.%1$s@example.com;Ann;"Acme; Inc.";38
                not-an-email;Bob;Acme;44
                cy.%1$s@example.com;Cy;Acme;41
                """.formatted(t), StandardCharsets.UTF_8);

        page.locator("[data-nav=imports]").click();
        page.waitForURL("**/capture/imports");
        page.locator("#file").setInputFiles(csv);
        page.locator("[data-testid=upload]").click();
        page.waitForURL(url -> url.matches(".*/capture/imports/[0-9A-Za-z]+$"));

        assertThat(page.locator(".sub").first().textContent()).contains("3 rows", "UTF-8", "semicolon");
        assertThat(page.locator("[data-testid=preview-table] tbody tr").count()).isEqualTo(3);
        assertThat(page.locator("[data-testid=preview-table] tbody").textContent()).contains("Acme; Inc.");
        assertThat(page.locator("select[data-column='E-mail']").inputValue()).isEqualTo("email");
        assertThat(page.locator("select[data-column='Company Name']").inputValue()).isEqualTo("company");
        assertThat(page.locator("select[data-column='Shoe Size']").inputValue()).isEmpty();

        screenshot("import-preview");
        page.locator("#listSource").fill("Badge scans " + t);
        page.locator("#provenance").fill("trade-show badge scan");
        page.locator("[data-testid=start-import]").click();

        page.locator("[data-testid=import-status]:text('completed')").waitFor();
        assertThat(page.locator("[data-testid=import-counts]").textContent())
                .contains("2 created", "0 updated", "1 row errors");
        assertThat(contacts.findByEmail("ann." + t + "@example.com").orElseThrow().company()).isEqualTo("Acme; Inc.");

        screenshot("import-completed");
        // the card htmx polls while the import runs: the fragment alone, with the same counts
        com.microsoft.playwright.APIResponse progress = page.request().get(page.url() + "/progress");
        assertThat(progress.status()).isEqualTo(200);
        assertThat(progress.text()).contains("import-progress", "2 created").doesNotContain("<html");
        Download download = page.waitForDownload(() -> page.locator("[data-testid=error-report]").click());
        String report = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(report).startsWith("row,column,value,message").contains("2,E-mail,not-an-email,not a valid email address");

        page.navigate("/capture/imports");
        assertThat(page.locator("[data-testid=imports-table]").textContent()).contains(csv.getFileName().toString(),
                "completed");
    }

    @Test
    void costEntriesThroughTheKindPicker() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        campaigns.create(new CampaignDraft("UI Fair " + t, CampaignType.EVENT, Channel.EVENTS, CampaignStatus.ACTIVE,
                LocalDate.of(2026, 1, 1), null, null, null, "EUR", null));
        Path csv = Files.createTempFile("ui-costs-", ".csv");
        Files.writeString(csv, """
                Campaign,Month,Spend,Vendor
                UI Fair %1$s,2026-05,"4,500.00",Messe
                UI Fair %1$s,May,10,Caterer
                """.formatted(t), StandardCharsets.UTF_8);

        page.navigate("/capture/imports");
        page.locator("[data-testid=kind]").selectOption("COST_ENTRIES");
        page.locator("#file").setInputFiles(csv);
        page.locator("[data-testid=upload]").click();
        page.waitForURL(url -> url.matches(".*/capture/imports/[0-9A-Za-z]+$"));

        assertThat(page.locator("select[data-column='Campaign']").inputValue()).isEqualTo("campaign");
        assertThat(page.locator("select[data-column='Spend']").inputValue()).isEqualTo("amount");
        assertThat(page.locator("select[data-column='Vendor'] option").allTextContents())
                .contains("amount", "currency", "month").doesNotContain("email", "firstName");
        assertThat(page.locator("#matchKey option").allTextContents())
                .containsExactly("Campaign, period, amount, currency and description");
        screenshot("import-cost-entries-preview");
        page.locator("[data-testid=start-import]").click();

        page.locator("[data-testid=import-status]:text('completed')").waitFor();
        assertThat(page.locator("[data-testid=import-counts]").textContent())
                .contains("1 created", "1 row errors");
        Campaign fair = campaigns.search(new CampaignQuery("UI Fair " + t, null, null, null, null,
                SortOrder.cursor(null, 10))).get(0);
        assertThat(campaigns.costs(fair.id(), null, null, null, 10)).singleElement().satisfies(c -> {
            assertThat(c.amount()).isEqualTo(450_000L);
            assertThat(c.periodStart()).isEqualTo(LocalDate.of(2026, 5, 1));
            assertThat(c.note()).isEqualTo("Messe");
        });
        Download download = page.waitForDownload(() -> page.locator("[data-testid=error-report]").click());
        assertThat(Files.readString(download.path(), StandardCharsets.UTF_8))
                .contains("2,Month,May,\"not a month; use 2026-03 (ISO), 3/2026 or Mar 2026\"");
        page.navigate("/capture/imports");
        assertThat(page.locator("[data-testid=imports-table]").textContent()).contains("cost entries");
    }

    @Test
    void aFileThatCannotBeImportedShowsWhy() throws Exception {
        Path csv = Files.createTempFile("ui-import-dup-", ".csv");
        Files.writeString(csv, "Email,Email\na@example.com,b@example.com\n", StandardCharsets.UTF_8);
        page.navigate("/capture/imports");
        page.locator("#file").setInputFiles(csv);
        page.locator("[data-testid=upload]").click();
        page.locator("[data-testid=rejected]").waitFor();
        assertThat(page.locator("[data-testid=rejected]").textContent()).contains("duplicate column header 'Email'");
        assertThat(page.locator("[data-testid=start-import]").count()).isZero();
        screenshot("import-rejected");
    }

    void screenshot(String name) {
        String engine = getClass().getSimpleName().replace("ImportsUi", "").replace("Test", "").toLowerCase();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(UiBrowserContract.buildDir().resolve("screenshots").resolve(name + "-" + engine + ".png")));
    }
}
