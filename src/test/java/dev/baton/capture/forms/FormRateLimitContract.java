package dev.baton.capture.forms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.capture.HostedForms;
import dev.baton.web.api.ApiTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The per-IP limit on form posts and snippet page views: beyond it, 429 and nothing stored. */
@TestPropertySource(properties = {"baton.forms.submissions-per-minute=3",
        "baton.capture.public-requests-per-minute=3"})
public abstract class FormRateLimitContract extends ApiTestSupport {

    @Autowired
    HostedForms forms;

    @Test
    void postsBeyondTheLimitAre429() throws Exception {
        HostedForms.Form form = forms.create(new HostedForms.FormDraft(unique("Limited"), HostedForms.Status.PUBLISHED,
                List.of(new HostedForms.Field("email", "Email", HostedForms.FieldType.EMAIL,
                        HostedForms.Attribute.EMAIL, true, null, null, null, null, null)),
                List.of(), null, null, null, null));
        int[] statuses = new int[4];
        for (int i = 0; i < 4; i++) {
            statuses[i] = postForm(form.key(), "text/html").statusCode();
        }
        // the first three are answered on their merits (no token: sent back to be checked), the fourth is refused
        assertThat(statuses).containsExactly(422, 422, 422, 429);
        HttpResponse<String> json = postForm(form.key(), "application/json");
        assertThat(json.statusCode()).isEqualTo(429);
        assertThat(json.body()).contains("\"ok\":false");
        assertThat(json.headers().firstValue("Retry-After")).contains("60");
        assertThat(forms.recentSubmissions(form.id(), 10)).isEmpty();

        int collected = 0;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/t/collect")).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            collected = r.statusCode();
        }
        assertThat(collected).isEqualTo(429);
    }

    HttpResponse<String> postForm(String key, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/f/" + key)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString("email=a%40example.com")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
