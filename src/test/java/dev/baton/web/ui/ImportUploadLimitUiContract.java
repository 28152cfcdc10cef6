package dev.baton.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.baton.capture.ContactImports;
import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import dev.baton.support.Chromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A CSV above {@code BATON_IMPORTS_MAX_UPLOAD_SIZE} chosen on the imports page comes back to that page with the
 * limit named beside the file field, not as an error page, and no import is created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"baton.security.login-attempts-per-minute=1000", "baton.imports.max-upload-size=1MB"})
@ActiveProfiles("test")
abstract class ImportUploadLimitUiContract {

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    ContactImports imports;

    @Test
    void anUploadAboveTheLimitIsNamedBesideTheFileField() throws Exception {
        String ops = "oli." + UUID.randomUUID().toString().substring(0, 8) + "@test.local";
        users.create(new UserDirectory.UserDraft(ops, "Oli Ops", Role.OPS, null, "UTC", true), "ops-password-1");
        Path csv = Files.createTempFile("too-large-", ".csv");
        StringBuilder rows = new StringBuilder("email,first_name\n");
        for (int i = 0; rows.length() < 1_500_000; i++) {
            rows.append("person").append(i).append("@example.com,Person ").append(i).append('\n');
        }
        Files.writeString(csv, rows, StandardCharsets.UTF_8);
        int before = imports.recent(1000).size();

        try (Chromium chromium = Chromium.launch()) {
            BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                    .setBaseURL("http://localhost:" + port));
            context.setDefaultTimeout(20_000);
            Page page = context.newPage();
            page.navigate("/login");
            page.locator("#username").fill(ops);
            page.locator("#password").fill("ops-password-1");
            page.locator("[data-testid=sign-in]").click();
            page.waitForURL(url -> !url.contains("/login"));

            page.navigate("/capture/imports");
            page.locator("#file").setInputFiles(csv);
            page.locator("[data-testid=upload]").click();
            page.locator("[data-field=file]").waitFor();

            assertThat(page.url()).endsWith("/capture/imports?too-large");
            assertThat(page.locator("[data-field=file]").textContent())
                    .contains("larger than the upload limit of 1 MB", "BATON_IMPORTS_MAX_UPLOAD_SIZE");
            assertThat(page.locator("#file").getAttribute("class")).contains("is-invalid");
        } finally {
            Files.deleteIfExists(csv);
        }
        assertThat(imports.recent(1000)).as("nothing was created").hasSize(before);
    }
}
