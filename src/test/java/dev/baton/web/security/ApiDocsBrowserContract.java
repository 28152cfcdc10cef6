package dev.baton.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.baton.support.Chromium;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * In a real browser: a signed-in user reaches Swagger UI, which renders the API description under the
 * UI's Content-Security-Policy without violations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class ApiDocsBrowserContract {

    @LocalServerPort
    int port;

    @Test
    void signedInUserSeesSwaggerUi() {
        try (Chromium chromium = Chromium.launch()) {
            Browser browser = chromium.browser();
            Page page = browser.newPage();
            List<String> violations = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    violations.add(m.text());
                }
            });
            String base = "http://localhost:" + port;
            page.navigate(base + "/swagger-ui.html");
            assertThat(page.url()).endsWith("/login");
            page.fill("input[name=username]", "admin@test.local");
            page.fill("input[name=password]", "admin-password-1");
            page.press("input[name=password]", "Enter");
            page.waitForURL(url -> !url.endsWith("/login") && !url.contains("/login?"));
            page.navigate(base + "/swagger-ui.html");
            page.locator(".swagger-ui .info .title").waitFor();
            assertThat(page.locator(".swagger-ui .info .title").textContent()).contains("Baton API");
            assertThat(page.locator(".opblock-tag").allTextContents()).anySatisfy(t -> assertThat(t)
                    .contains("Contacts"));
            assertThat(page.locator(".swagger-ui .auth-wrapper .authorize").count()).isPositive();
            assertThat(violations).isEmpty();
        }
    }
}
