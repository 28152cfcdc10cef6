package dev.baton.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.sun.net.httpserver.HttpServer;
import dev.baton.capture.HostedForms;
import dev.baton.capture.PageViews;
import dev.baton.governance.ConsentLedger;
import dev.baton.governance.ConsentRecord;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.IdentityKind;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.support.Chromium;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hosted forms in Chromium, embedded in a page served from another origin (a JDK HTTP server on
 * 127.0.0.1, while Baton answers on localhost): the script embed and the iframe, each with the tracking
 * snippet on the host page; the hosted page with JavaScript off; a bot filling the honeypot; and the builder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baton.security.login-attempts-per-minute=1000", "baton.forms.min-fill-seconds=1",
        "baton.forms.submissions-per-minute=1000", "baton.capture.public-requests-per-minute=1000"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FormsBrowserContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NEWS = "Send me the monthly product newsletter. Unsubscribe any time.";

    Chromium chromium;
    Browser browser;
    HttpServer hostSite;
    String hostOrigin;

    @LocalServerPort
    int port;

    @Autowired
    HostedForms forms;
    @Autowired
    PageViews pageViews;
    @Autowired
    ContactDirectory contacts;
    @Autowired
    ConsentLedger consent;
    @Autowired
    ActivityLog log;

    BrowserContext context;
    Page page;
    HostedForms.Form form;

    String baton() {
        return "http://localhost:" + port;
    }

    @BeforeAll
    void start() throws IOException {
        chromium = Chromium.launch();
        browser = chromium.browser();
        form = forms.create(new HostedForms.FormDraft("Webinar sign-up " + UUID.randomUUID().toString().substring(0, 6),
                HostedForms.Status.PUBLISHED, List.of(
                        new HostedForms.Field("email", "Work email", HostedForms.FieldType.EMAIL,
                                HostedForms.Attribute.EMAIL, true, null, null, null, null, null),
                        new HostedForms.Field("first_name", "First name", HostedForms.FieldType.TEXT,
                                HostedForms.Attribute.FIRST_NAME, true, 40, null, null, null, null),
                        new HostedForms.Field("company", "Company", HostedForms.FieldType.TEXT,
                                HostedForms.Attribute.COMPANY, false, null, null, null, null, null)),
                List.of(new HostedForms.ConsentBox("newsletter", "email", "marketing", NEWS, false, null),
                        new HostedForms.ConsentBox("privacy", "any", "privacy_notice",
                                "I have read the privacy notice.", true, null)),
                null, "Thanks! Your seat is booked.", null, "Book my seat"));

        // the customer's website: another origin than Baton's
        hostSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hostOrigin = "http://127.0.0.1:" + hostSite.getAddress().getPort();
        String snippet = "<script async src=\"" + baton() + "/t/baton.js\" data-site-key=\"" + pageViews.siteKey()
                + "\"></script>";
        serve("/landing.html", "<!doctype html><html><head><title>Webinar landing</title></head><body>"
                + "<h1>Join our webinar</h1>" + snippet
                + "<script src=\"" + baton() + "/f/" + form.key() + ".js\"></script></body></html>");
        // the iframe as a site without the snippet pastes it, with the visitor's facts already in its URL
        serve("/framed-direct.html", "<!doctype html><html><head><title>Framed landing</title></head><body>"
                + "<h1>Join our webinar</h1><iframe id=\"baton\" src=\"" + baton() + "/f/" + form.key()
                + "?embed=1&amp;utm_source=linkedin&amp;utm_medium=paid_social&amp;utm_campaign=framed"
                + "&amp;anonymous_id=framed-visitor-1\" style=\"width:100%;height:700px;border:0\"></iframe>"
                + "</body></html>");
        hostSite.start();
    }

    private void serve(String path, String html) {
        hostSite.createContext(path, exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @AfterAll
    void stop() {
        if (hostSite != null) {
            hostSite.stop(0);
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void open() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    // ---------------------------------------------------------------- embedded, JavaScript on

    @Test
    void scriptEmbedOnAnotherOriginCreatesContactConsentAndActivityAndStitchesTheVisit() {
        String campaign = "webinar-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        page.navigate(hostOrigin + "/landing.html?utm_source=partner_site&utm_medium=referral&utm_campaign="
                + campaign);
        page.locator("form[data-baton-form] input[name=email]").waitFor();
        String aid = anonymousCookie();
        // the snippet's page view arrives on its own; wait until the visitor is known to Baton
        page.waitForCondition(() -> contacts.resolve(IdentityKind.ANONYMOUS_ID, aid).isPresent());

        page.locator("input[name=email]").fill(email);
        page.locator("input[name=first_name]").fill("Ada");
        page.locator("input[name=company]").fill("Analytical Engines");
        page.locator("input[name=newsletter]").check();
        page.locator("input[name=privacy]").check();
        page.waitForTimeout(1_200); // a person takes longer than the minimum fill time
        page.locator("form[data-baton-form] button[type=submit]").click();
        page.locator("[data-testid=form-thanks]").waitFor();
        assertThat(page.locator("[data-testid=form-thanks]").textContent()).contains("Your seat is booked");
        assertThat(page.url()).startsWith(hostOrigin);
        screenshot("forms-script-embed");

        Contact c = contacts.findByEmail(email).orElseThrow();
        assertThat(c.firstName()).isEqualTo("Ada");
        assertThat(c.company()).isEqualTo("Analytical Engines");
        assertThat(contacts.resolve(IdentityKind.ANONYMOUS_ID, aid)).as("the visit was stitched").contains(c.id());
        assertConsent(c.id(), true);
        Activity submitted = formSubmitted(c.id());
        assertThat(submitted.utm().source()).isEqualTo("partner_site");
        assertThat(submitted.utm().campaign()).isEqualTo(campaign);
        JsonNode props = JSON.readTree(submitted.props());
        assertThat(props.get("url").asString()).startsWith(hostOrigin + "/landing.html");
        assertThat(props.get("anonymousId").asString()).isEqualTo(aid);
        assertThat(activityTypes(c.id())).contains("page_view", "form_submitted", "identity_stitched");
    }

    @Test
    void iframeEmbedCarriesTheHostPagesUtmsAndAnonymousId() {
        String email = "grace." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        page.navigate(hostOrigin + "/framed-direct.html");
        FrameLocator frame = page.frameLocator("#baton");
        frame.locator("input[name=email]").waitFor();
        String aid = "framed-visitor-1";
        frame.locator("input[name=email]").fill(email);
        frame.locator("input[name=first_name]").fill("Grace");
        frame.locator("input[name=privacy]").check();
        page.waitForTimeout(1_200);
        frame.locator("button[type=submit]").click();
        frame.locator("[data-testid=form-thanks]").waitFor();
        screenshot("forms-iframe-embed");

        Contact c = contacts.findByEmail(email).orElseThrow();
        assertConsent(c.id(), false);
        Activity submitted = formSubmitted(c.id());
        assertThat(submitted.utm().source()).isEqualTo("linkedin");
        assertThat(submitted.utm().campaign()).isEqualTo("framed");
        assertThat(JSON.readTree(submitted.props()).get("anonymousId").asString()).isEqualTo(aid);
    }

    // ---------------------------------------------------------------- JavaScript off

    @Test
    void hostedPageWorksWithJavaScriptDisabled() {
        context.close();
        context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false));
        page = context.newPage();
        String email = "noscript." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        page.navigate(baton() + "/f/" + form.key() + "?utm_source=print&utm_medium=direct_mail&utm_campaign=flyer");

        // a mistake comes back beside the field, with what was typed kept
        page.locator("input[name=email]").fill("not-an-email");
        page.locator("input[name=first_name]").fill("Hedy");
        page.waitForTimeout(1_200);
        page.locator("button[type=submit]").click();
        page.locator("[data-error-for=email]").waitFor();
        assertThat(page.locator("[data-error-for=email]").textContent()).contains("valid email");
        assertThat(page.locator("[data-error-for=privacy]").textContent()).contains("tick this box");
        assertThat(page.locator("input[name=first_name]").inputValue()).isEqualTo("Hedy");
        assertThat(page.locator("input[name=utm_source]").inputValue()).isEqualTo("print");
        screenshot("forms-hosted-errors");

        page.locator("input[name=email]").fill(email);
        page.locator("input[name=newsletter]").check();
        page.locator("input[name=privacy]").check();
        page.waitForTimeout(1_200);
        page.locator("button[type=submit]").click();
        page.locator("[data-testid=form-thanks]").waitFor();
        assertThat(page.locator("[data-testid=form-thanks]").textContent()).contains("Your seat is booked");

        Contact c = contacts.findByEmail(email).orElseThrow();
        assertThat(c.firstName()).isEqualTo("Hedy");
        assertConsent(c.id(), true);
        Activity submitted = formSubmitted(c.id());
        assertThat(submitted.utm().source()).isEqualTo("print");
        assertThat(submitted.channel()).isEqualTo("direct_mail");
    }

    @Test
    void honeypotBlocksABotPost() {
        context.close();
        context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false));
        page = context.newPage();
        String email = "bot." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long spamBefore = forms.find(form.id()).orElseThrow().spamRejections();
        long lastActivity = log.lastId();
        page.navigate(baton() + "/f/" + form.key());
        // a naive bot fills every input it finds, the hidden trap included
        page.locator("input[name=email]").fill(email);
        page.locator("input[name=first_name]").fill("Bot");
        page.locator("input[name=privacy]").check();
        page.locator("input[name=" + HostedForms.HONEYPOT + "]").fill("http://cheap-pills.example");
        page.waitForTimeout(1_200);
        page.locator("button[type=submit]").click();
        page.locator("[data-testid=form-thanks]").waitFor();

        // and a scripted post without any render token
        var response = page.request().post(baton() + "/f/" + form.key(), RequestOptions.create()
                .setForm(FormData.create().set("email", email).set("first_name", "Bot").set("privacy", "yes")));
        assertThat(response.status()).isEqualTo(422);

        assertThat(contacts.findByEmail(email)).isEmpty();
        assertThat(log.readAfter(lastActivity, 1000)).noneMatch(a -> a.type().equals("form_submitted")
                && a.props().contains(email));
        assertThat(forms.find(form.id()).orElseThrow().spamRejections()).isEqualTo(spamBefore + 2);
    }

    // ---------------------------------------------------------------- the builder

    @Test
    void builderCreatesPublishesAndShowsEmbedCodes() {
        page.navigate(baton() + "/login");
        page.locator("#username").fill("admin@test.local");
        page.locator("#password").fill("admin-password-1");
        page.locator("[data-testid=sign-in]").click();
        page.waitForURL(url -> !url.contains("/login"));
        page.locator("[data-nav=forms]").click();
        page.waitForURL("**/capture/forms");
        assertThat(page.locator("[data-testid=snippet-code]").textContent())
                .contains("<script async src=\"" + baton() + "/t/baton.js\" data-site-key=\"site_");
        page.locator("[data-testid=new-form]").click();
        page.waitForURL("**/capture/forms/new");

        // saving without a name: the message sits beside the field
        page.locator("[data-testid=save-form]").click();
        page.locator("[data-field=name]").waitFor();
        assertThat(page.locator("[data-field=name]").textContent()).contains("required");

        String name = "Newsletter " + UUID.randomUUID().toString().substring(0, 6);
        page.locator("[data-testid=form-name]").fill(name);
        page.locator("[data-testid=add-consent]").click();
        page.locator("[data-testid=consent-row]").waitFor();
        page.locator("textarea[name='consents[0].text']").fill("Email me the newsletter.");
        // the live preview follows the builder (htmx)
        page.locator("input[name='fields[1].label']").fill("Given name");
        page.waitForCondition(() -> page.locator("[data-testid=preview]").textContent().contains("Given name"));
        assertThat(page.locator("[data-testid=preview]").textContent()).contains("Email me the newsletter.");
        page.locator("[data-testid=form-status-select]").selectOption("published");
        page.locator("[data-testid=save-form]").click();
        page.locator("[data-testid=embed-script]").waitFor();
        screenshot("forms-builder");

        HostedForms.Form saved = forms.list().stream().map(HostedForms.FormSummary::form)
                .filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        assertThat(saved.status()).isEqualTo(HostedForms.Status.PUBLISHED);
        assertThat(saved.consents()).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Email me the newsletter.");
            assertThat(c.version()).isEqualTo(1);
        });
        assertThat(saved.fields()).extracting(HostedForms.Field::label).containsExactly("Email", "Given name");
        assertThat(page.locator("[data-testid=embed-script]").textContent())
                .isEqualTo("<script src=\"" + baton() + "/f/" + saved.key() + ".js\"></script>");
        assertThat(page.locator("[data-testid=embed-iframe]").textContent())
                .contains("<iframe src=\"" + baton() + "/f/" + saved.key() + "?embed=1\"");
        assertThat(page.locator("[data-testid=embed-link]").textContent()).isEqualTo(baton() + "/f/" + saved.key());

        page.locator("[data-nav=forms]").click();
        page.waitForURL("**/capture/forms");
        assertThat(page.locator("[data-testid=forms-table]").textContent()).contains(name, "Published");
        screenshot("forms-list");
    }

    // ---------------------------------------------------------------- helpers

    String anonymousCookie() {
        page.waitForCondition(() -> context.cookies(hostOrigin).stream().anyMatch(c -> c.name.equals("baton_aid")));
        return context.cookies(hostOrigin).stream().filter(c -> c.name.equals("baton_aid")).map(c -> c.value)
                .findFirst().orElseThrow();
    }

    void assertConsent(long contactId, boolean newsletter) {
        List<ConsentRecord> records = consent.history(contactId);
        assertThat(records).anySatisfy(r -> {
            assertThat(r.purpose()).isEqualTo("privacy_notice");
            assertThat(r.consentText()).isEqualTo("I have read the privacy notice.");
            assertThat(r.textVersion()).isEqualTo("1");
            assertThat(r.source()).isEqualTo("form:" + form.key());
        });
        if (newsletter) {
            assertThat(records).anySatisfy(r -> {
                assertThat(r.purpose()).isEqualTo("marketing");
                assertThat(r.consentText()).isEqualTo(NEWS);
                assertThat(r.textVersion()).isEqualTo("1");
            });
        } else {
            assertThat(records).noneMatch(r -> r.purpose().equals("marketing"));
        }
    }

    Activity formSubmitted(long contactId) {
        return log.readAfter(0, 1_000_000).stream()
                .filter(a -> a.type().equals(HostedForms.FORM_SUBMITTED) && Long.valueOf(contactId).equals(a.contactId()))
                .findFirst().orElseThrow();
    }

    List<String> activityTypes(long contactId) {
        return log.readAfter(0, 1_000_000).stream().filter(a -> Long.valueOf(contactId).equals(a.contactId()))
                .map(Activity::type).toList();
    }

    void screenshot(String name) {
        String engine = getClass().getSimpleName().replace("FormsBrowser", "").replace("Test", "").toLowerCase();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(UiBrowserContract.buildDir().resolve("screenshots").resolve(name + "-" + engine + ".png")));
    }
}
