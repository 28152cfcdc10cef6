package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.measurement.EngagementRollups;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Processor lag is visible to monitoring: /actuator/prometheus (ops/admin, here with an admin API
 * token) exposes {@code baton_processor_lag} and {@code baton_processor_applied_total} per processor.
 * Scheduled processing is off in tests, so the lag only moves when the test moves it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class ProcessorMetricsContract {

    @LocalServerPort
    int port;
    @Autowired
    ActivityLog log;
    @Autowired
    ProcessorRuntime runtime;
    @Autowired
    ApiTokens tokens;
    @Autowired
    UserDirectory users;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusShowsLagAndAppliedCountPerProcessor() throws Exception {
        long admin = users.findByEmail("admin@test.local").orElseThrow().id();
        String token = tokens.issue(admin, "metrics test", Set.of(ApiTokens.SCOPE_API)).secret();
        runtime.drainAll();
        double appliedBefore = metric(scrape(token), "baton_processor_applied_total");

        Instant t = Instant.parse("2026-04-01T00:00:00Z");
        log.append(List.of(new NewActivity(t, "page_view", 1L, null, null, null, null, null),
                new NewActivity(t, "page_view", 2L, null, null, null, null, null),
                new NewActivity(t, "page_view", 3L, null, null, null, null, null)));
        runtime.status(); // what the processors page does; also refreshes the gauge

        assertThat(metric(scrape(token), "baton_processor_lag")).isEqualTo(3.0);

        runtime.drain(EngagementRollups.PROCESSOR);
        String after = scrape(token);
        assertThat(metric(after, "baton_processor_lag")).isZero();
        assertThat(metric(after, "baton_processor_applied_total")).isEqualTo(appliedBefore + 3);
    }

    private String scrape(String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static double metric(String exposition, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*processor=\"" + EngagementRollups.PROCESSOR
                + "\"[^}]*} (\\S+)$").matcher(exposition);
        assertThat(m.find()).as(name + " in\n" + exposition).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
