package dev.baton.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.management.MemberStatus;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDraft;
import dev.baton.platform.Channel;
import dev.baton.platform.ProcessorRuntime;
import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import dev.baton.support.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * The capture pages in a real browser on each engine: a channel rule created, refused with messages beside its
 * fields, edited and picked by the tester; a QR batch generated, its vendor CSV downloaded and a scan counted;
 * a webhook registered with its secret shown once and a signed call listed under recent deliveries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "baton.security.login-attempts-per-minute=1000")
@ActiveProfiles("test")
abstract class CapturePagesBrowserContract {

    static final String ADMIN_EMAIL = "admin@test.local";
    static final String ADMIN_PASSWORD = "admin-password-1";
    static final String MARKETER_EMAIL = "mia.marketer@test.local";
    static final String MARKETER_PASSWORD = "marketer-password-1";

    static Chromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    ContactDirectory contacts;
    @Autowired
    CampaignManagement campaigns;
    @Autowired
    UserDirectory users;
    @Autowired
    ProcessorRuntime processors;
    @Autowired
    Clock clock;

    BrowserContext context;
    Page page;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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
        if (users.findByEmail(MARKETER_EMAIL).isEmpty()) {
            users.create(new UserDirectory.UserDraft(MARKETER_EMAIL, "Mia Marketer", Role.MARKETER, null, "UTC",
                    true), MARKETER_PASSWORD);
        }
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
                .setBaseURL("http://localhost:" + port).setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
        page.onDialog(Dialog::accept);
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void channelRuleIsCreatedEditedAndPickedByTheTester() {
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        page.locator("[data-nav=channels]").click();
        page.waitForURL("**/capture/channels");
        int before = page.locator("[data-testid=rules-table] tbody tr").count();
        assertThat(before).isGreaterThan(10);

        // nothing filled in: messages beside the fields, nothing saved
        page.locator("[data-testid=new-rule]").click();
        page.waitForURL("**/capture/channels/new");
        page.locator("[data-testid=save-rule]").click();
        page.locator("[data-testid=form-errors]").waitFor();
        assertThat(page.locator("[data-field=name]").textContent()).contains("name");
        assertThat(page.locator("[data-field=channel]").textContent()).contains("channel");
        assertThat(page.locator("[data-field=conditions]").textContent()).contains("at least one condition");

        page.locator("#rule-name").fill("Podcast sponsorships");
        page.locator("#rule-channel").selectOption("partners");
        page.locator("#rule-position").fill("1");
        page.locator("select[name=c0_field]").selectOption("utm_source");
        page.locator("select[name=c0_operator]").selectOption("equals");
        page.locator("input[name=c0_value]").fill("podnews");
        page.locator("[data-testid=save-rule]").click();
        page.waitForURL("**/capture/channels#rule-*");
        assertThat(page.locator("[data-testid=rules-table] tbody tr").count()).isEqualTo(before + 1);
        assertThat(page.locator("[data-testid=rules-table] tbody tr").first().textContent())
                .contains("Podcast sponsorships", "Partners", "utm_source is 'podnews'");

        // the tester takes the UTMs from a pasted URL and names the rule and why
        page.locator("#t-url").fill("https://shop.example.com/offer?utm_source=podnews&utm_medium=audio");
        page.locator("[data-testid=test-touch]").click();
        page.locator("[data-testid=test-result]").waitFor();
        assertThat(page.locator("[data-testid=result-channel]").textContent().trim()).isEqualTo("Partners");
        assertThat(page.locator("[data-testid=result-rule]").textContent().trim()).isEqualTo("Podcast sponsorships");
        assertThat(page.locator("[data-testid=result-reason]").textContent()).contains("podnews");

        // edit: a broken regex is refused beside its condition row
        page.locator("tr[data-rule='Podcast sponsorships'] [data-testid=edit-rule]").click();
        page.waitForURL("**/edit");
        page.locator("select[name=c0_operator]").selectOption("regex");
        page.locator("input[name=c0_value]").fill("pod(news");
        page.locator("[data-testid=save-rule]").click();
        page.locator("[data-field=c0]").waitFor();
        assertThat(page.locator("[data-field=c0]").textContent()).isNotBlank();
        page.locator("#rule-channel").selectOption("events");
        page.locator("select[name=c0_operator]").selectOption("in_list");
        page.locator("input[name=c0_value]").fill("podnews, podcastland");
        page.locator("[data-testid=save-rule]").click();
        page.waitForURL("**/capture/channels#rule-*");
        assertThat(page.locator("tr[data-rule='Podcast sponsorships']").textContent())
                .contains("Events", "utm_source is one of podnews, podcastland");

        page.locator("#t-url").fill("https://shop.example.com/");
        page.locator("#t-src").fill("podcastland");
        page.locator("[data-testid=test-touch]").click();
        page.locator("[data-testid=test-result]").waitFor();
        assertThat(page.locator("[data-testid=result-channel]").textContent().trim()).isEqualTo("Events");
        assertThat(page.locator("[data-testid=result-rule]").textContent().trim()).isEqualTo("Podcast sponsorships");

        // priority: one step down, then back to the defaults
        page.locator("tr[data-rule='Podcast sponsorships'] [data-testid=move-down]").click();
        page.waitForURL("**/capture/channels#rule-*");
        assertThat(page.locator("tr[data-rule='Podcast sponsorships'] td").first().textContent().trim()).isEqualTo("2");
        page.locator("[data-testid=reset-rules]").click();
        page.waitForURL("**/capture/channels");
        assertThat(page.locator(".alert-success").textContent()).contains("reset to the");
        assertThat(page.locator("tr[data-rule='Podcast sponsorships']").count()).isZero();
        assertThat(page.locator("[data-testid=rules-table] tbody tr").count()).isEqualTo(before);
    }

    @Test
    void marketersReadAndTestRulesButCannotChangeThemOrOpenWebhooks() {
        signIn(MARKETER_EMAIL, MARKETER_PASSWORD);
        page.navigate("/capture/channels");
        assertThat(page.locator("[data-testid=read-only]").isVisible()).isTrue();
        assertThat(page.locator("[data-testid=new-rule]").count()).isZero();
        assertThat(page.locator("[data-testid=edit-rule]").count()).isZero();
        page.locator("#t-src").fill("google");
        page.locator("#t-med").fill("cpc");
        page.locator("[data-testid=test-touch]").click();
        page.locator("[data-testid=test-result]").waitFor();
        assertThat(page.locator("[data-testid=result-channel]").textContent().trim()).isEqualTo("Paid search");

        String csrf = page.locator("input[name=_csrf]").first().getAttribute("value");
        APIResponse reset = page.request().post("/capture/channels/reset",
                RequestOptions.create().setForm(FormData.create().set("_csrf", csrf)).setMaxRedirects(0));
        assertThat(reset.status()).isEqualTo(403);
        assertThat(page.locator("[data-nav=webhooks]").count()).isZero();
        assertThat(page.locator("[data-nav=qr]").count()).isEqualTo(1);
        assertThat(page.request().get("/capture/webhooks").status()).isEqualTo(403);
    }

    @Test
    void qrBatchIsGeneratedDownloadedAndItsScansCounted() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Campaign mailer = campaigns.create(new CampaignDraft("Autumn Mailer " + suffix, CampaignType.DIRECT_MAIL,
                Channel.DIRECT_MAIL, CampaignStatus.ACTIVE, today, today.plusDays(30), null, null, "USD", null));
        Contact ada = contacts.create(new ContactDraft("ada-" + suffix + "@example.com", "Ada", "Byron", null, null,
                "Analytical Engines", "GB", null, null, null, null, null, null));
        Contact alan = contacts.create(new ContactDraft("alan-" + suffix + "@example.com", "Alan", "Turing", null,
                null, null, "GB", null, null, null, null, null, null));
        campaigns.upsertMember(mailer.id(), ada.id(), MemberStatus.SENT, clock.instant());
        campaigns.upsertMember(mailer.id(), alan.id(), MemberStatus.SENT, clock.instant());

        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        page.locator("[data-nav=qr]").click();
        page.waitForURL("**/capture/qr");
        page.locator("#qr-target").fill("not a url");
        page.locator("[data-testid=generate-codes]").click();
        page.locator("[data-field=campaign]").waitFor();
        assertThat(page.locator("[data-field=targetUrl]").textContent()).contains("absolute http or https URL");

        page.locator("#qr-campaign").selectOption(dev.baton.platform.Ids.format(mailer.id()));
        page.locator("#qr-target").fill("https://example.com/autumn");
        page.locator("#qr-utm_content").fill("postcard-a");
        page.locator("[data-testid=generate-codes]").click();
        page.waitForURL("**/capture/qr/" + dev.baton.platform.Ids.format(mailer.id()));
        assertThat(page.locator("[data-testid=qr-total]").textContent().trim()).isEqualTo("2");
        assertThat(page.locator("[data-testid=qr-codes]").textContent()).contains("Ada Byron", "Alan Turing");
        assertThat((Boolean) page.locator("[data-testid=qr-preview]")
                .evaluate("img => img.complete && img.naturalWidth > 0")).isTrue();

        Download download = page.waitForDownload(() -> page.locator("[data-testid=download-csv]").click());
        List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("contact_id,name,email,company,country,code_url");
        assertThat(lines).hasSize(3);
        String adaLine = lines.stream().filter(l -> l.contains("Ada Byron")).findFirst().orElseThrow();
        assertThat(adaLine).contains("ada-" + suffix + "@example.com", "Analytical Engines", "GB",
                "http://localhost:" + port + "/q/");

        // a scan of Ada's code: redirect with the UTMs, then counted and listed once the index has it
        String codeUrl = adaLine.substring(adaLine.lastIndexOf(',') + 1);
        HttpResponse<String> scan = http.send(HttpRequest.newBuilder(URI.create(codeUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scan.statusCode()).isEqualTo(302);
        assertThat(scan.headers().firstValue("Location").orElseThrow()).startsWith("https://example.com/autumn?")
                .contains("utm_content=postcard-a", "utm_source=qr", "utm_medium=direct_mail");
        processors.drainAll();
        page.reload();
        assertThat(page.locator("[data-testid=qr-scans]").textContent().trim()).isEqualTo("1");
        assertThat(page.locator("[data-testid=recent-scans]").textContent()).contains("Ada Byron");
        page.navigate("/capture/qr");
        assertThat(page.locator("[data-testid=qr-batches]").textContent()).contains("Autumn Mailer " + suffix);
        assertThat(page.locator("[data-testid=recent-scans]").textContent()).contains("Ada Byron");
    }

    @Test
    void webhookShowsItsSecretOnceAndASignedCallAppearsUnderRecentDeliveries() throws Exception {
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        page.locator("[data-nav=webhooks]").click();
        page.waitForURL("**/capture/webhooks");
        String name = "Chat transcripts " + UUID.randomUUID().toString().substring(0, 8);
        page.locator("#wh-name").fill(name);
        page.locator("#wh-type").fill("Chat Transcript");
        page.locator("#wh-email").fill("$.visitor.email");
        page.locator("#wh-props").fill("minutes = $.duration\nnot a line");
        page.locator("[data-testid=register-webhook]").click();
        page.locator("[data-field=activityType]").waitFor();
        assertThat(page.locator("[data-field=properties]").textContent()).contains("Line 2");

        page.locator("#wh-type").fill("chat_transcript");
        page.locator("#wh-phone").fill("$.visitor.phone");
        page.locator("#wh-country").fill("$.visitor.country");
        page.locator("#wh-props").fill("minutes = $.duration");
        page.locator("[data-testid=register-webhook]").click();
        page.locator("[data-testid=webhook-secret]").waitFor();
        String secret = page.locator("[data-testid=webhook-secret]").textContent().trim();
        assertThat(secret).startsWith("whsec_").hasSize(38);
        String endpoint = page.locator("[data-testid=webhook-endpoint]").textContent().trim();
        assertThat(endpoint).startsWith("http://localhost:" + port + "/hooks/");
        assertThat(page.locator("[data-testid=webhook-curl]").textContent()).contains("Baton-Timestamp",
                "X-Baton-Signature", endpoint);
        assertThat(page.locator("[data-testid=mapping-table]").textContent()).contains("$.visitor.email",
                "$.visitor.country", "property minutes", "$.duration");

        // shown once: a reload no longer has it
        page.reload();
        assertThat(page.locator("[data-testid=shown-secret]").count()).isZero();
        assertThat(page.content()).doesNotContain(secret);

        String email = "visitor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String body = "{\"visitor\":{\"email\":\"" + email + "\",\"phone\":\"030 1234567\",\"country\":\"DE\"},"
                + "\"duration\":12}";
        assertThat(deliver(endpoint, secret, body, "chat-1001").statusCode()).isEqualTo(202);
        assertThat(deliver(endpoint, secret, body, "chat-1001").statusCode()).isEqualTo(200);
        assertThat(deliver(endpoint, "whsec_wrong", body, null).statusCode()).isEqualTo(401);
        page.reload();
        List<String> outcomes = page.locator("[data-testid=deliveries-table] tbody tr")
                .evaluateAll("rows => rows.map(r => r.dataset.outcome)") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
        assertThat(outcomes).containsExactly("unauthorized", "duplicate", "applied");
        assertThat(page.locator("[data-testid=deliveries-table] tbody tr[data-outcome=applied]").textContent())
                .contains("chat-1001", "202");
        assertThat(page.locator("[data-testid=deliveries-table] tbody tr[data-outcome=unauthorized]").textContent())
                .contains("signature does not match");
        assertThat(contacts.findByEmail(email)).isPresent();

        // rotating shows a new secret once; the old one stops working
        page.locator("[data-testid=rotate-secret]").click();
        page.locator("[data-testid=webhook-secret]").waitFor();
        String rotated = page.locator("[data-testid=webhook-secret]").textContent().trim();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(deliver(endpoint, secret, body, "chat-1002").statusCode()).isEqualTo(401);
        assertThat(deliver(endpoint, rotated, body, "chat-1002").statusCode()).isEqualTo(202);
        page.navigate("/capture/webhooks");
        assertThat(page.locator("[data-testid=webhooks-table]").textContent()).contains(name, "applied");
    }

    HttpResponse<String> deliver(String endpoint, String secret, String body, String deliveryId) throws Exception {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/json")
                .header("Baton-Timestamp", ts).header("X-Baton-Signature", "sha256=" + sig)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (deliveryId != null) {
            b.header("Baton-Delivery-Id", deliveryId);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void signIn(String email, String password) {
        page.navigate("/login");
        page.locator("#username").fill(email);
        page.locator("#password").fill(password);
        page.locator("[data-testid=sign-in]").click();
        page.waitForURL(url -> !url.contains("/login"));
        page.locator("[data-testid=user-name]").waitFor();
    }
}
