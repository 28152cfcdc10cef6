package dev.baton.web.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.baton.support.Chromium;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A design aid, not part of the suite (its name does not match surefire's patterns): signs in to a
 * running Baton (e.g. one started with --demo) and takes a full-page screenshot of every screen into
 * target-<name>/tour/. Run: BATON_UI_TOUR_URL=http://localhost:8080 mvn test -Dtest=UiTour
 */
@EnabledIfEnvironmentVariable(named = "BATON_UI_TOUR_URL", matches = ".+")
class UiTour {

    @Test
    void tour() {
        String base = System.getenv("BATON_UI_TOUR_URL");
        String email = System.getenv().getOrDefault("BATON_UI_TOUR_EMAIL", "admin@baton.local");
        String password = System.getenv().getOrDefault("BATON_UI_TOUR_PASSWORD", "admin-password-1");
        Path out = UiBrowserContract.buildDir().resolve("tour");
        try (Chromium chromium = Chromium.launch()) {
            Browser browser = chromium.browser();
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
                    .setBaseURL(base));
            Page page = context.newPage();
            page.navigate("/login");
            shot(page, out, "login");
            page.locator("#username").fill(email);
            page.locator("#password").fill(password);
            page.locator("[data-testid=sign-in]").click();
            page.waitForURL(url -> !url.contains("/login"));
            page.waitForTimeout(1500);
            shot(page, out, "dashboard");
            page.navigate("/contacts");
            shot(page, out, "contacts");
            page.locator("[data-testid=contacts-table] tbody tr td a").first().click();
            page.waitForURL("**/contacts/*");
            shot(page, out, "contact");
            page.navigate("/accounts?sort=employees&dir=desc");
            shot(page, out, "accounts");
            page.locator("[data-testid=accounts-table] tbody tr td a").first().click();
            page.waitForURL("**/accounts/*");
            shot(page, out, "account");
            page.navigate("/campaigns");
            shot(page, out, "campaigns");
            page.locator("[data-testid=campaigns-table] tbody tr td a").first().click();
            page.waitForURL("**/campaigns/*");
            shot(page, out, "campaign");
            page.navigate("/opportunities");
            shot(page, out, "opportunities");
            page.navigate("/system/processors");
            shot(page, out, "processors");
            page.navigate("/admin/users");
            shot(page, out, "users");
            page.navigate("/admin/users/new");
            page.locator("[data-testid=save-user]").click();
            page.waitForTimeout(500);
            shot(page, out, "user-form-errors");
            page.navigate("/admin/tokens");
            shot(page, out, "tokens");
            page.navigate("/admin/audit");
            shot(page, out, "audit");
            page.navigate("/capture/forms");
            shot(page, out, "forms");
            page.navigate("/capture/forms/new");
            shot(page, out, "form-builder");
            page.navigate("/capture/channels");
            shot(page, out, "channel-rules");
            page.navigate("/capture/qr");
            shot(page, out, "qr-codes");
            page.navigate("/capture/webhooks");
            shot(page, out, "webhooks");
            page.navigate("/contacts/NOPE");
            shot(page, out, "404");
        }
    }

    private static void shot(Page page, Path out, String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(out.resolve(name + ".png")));
    }
}
