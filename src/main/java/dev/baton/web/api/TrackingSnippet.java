package dev.baton.web.api;

import dev.baton.capture.PageViews;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first-party tracking snippet: {@code GET /t/baton.js} (static, cacheable) and {@code POST /t/collect},
 * where it reports page views with the site key (which may ingest page views only; forms post to
 * {@code /f/<key>} with their render token). The body is JSON sent as text/plain (sendBeacon), so browsers
 * need no CORS preflight. Rate-limited per client IP.
 */
@RestController
class TrackingSnippet {

    static final int MAX_BODY = 16 * 1024;
    private static final String SNIPPET = HostedFormEndpoints.read("capture/baton.js");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PageViews pageViews;
    private final PublicRateLimiter limiter;
    private final Clock clock;

    TrackingSnippet(PageViews pageViews, PublicRateLimiter limiter, Clock clock) {
        this.pageViews = pageViews;
        this.limiter = limiter;
        this.clock = clock;
    }

    @GetMapping(path = "/t/baton.js", produces = "text/javascript")
    ResponseEntity<String> snippet() {
        return ResponseEntity.ok().contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(SNIPPET);
    }

    @PostMapping(path = "/t/collect", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> collect(HttpServletRequest request) {
        if (!limiter.allow("collect", request.getRemoteAddr())) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "60")
                    .body(Map.of("success", false, "message", "Too many page views from this address."));
        }
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return bad("body", "must be at most 16 KB");
            }
            body = JSON.readTree(bytes);
        } catch (IOException | JacksonException e) {
            return bad("body", "must be a JSON object");
        }
        if (body == null || !body.isObject()) {
            return bad("body", "must be a JSON object");
        }
        if (!pageViews.isSiteKey(text(body, "k", 200))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("success", false, "field", "k", "message", "is not this Baton's site key"));
        }
        String aid = text(body, "aid", 255);
        if (aid == null) {
            return bad("aid", "is required (the anonymous id)");
        }
        String url = text(body, "url", 2000);
        if (url == null) {
            return bad("url", "is required (the page URL)");
        }
        UriComponents page;
        try {
            page = UriComponentsBuilder.fromUriString(url).build();
        } catch (IllegalArgumentException e) {
            return bad("url", "is not a URL");
        }
        if (page.getScheme() == null || !page.getScheme().matches("(?i)https?") || page.getHost() == null) {
            return bad("url", "must be an absolute http or https URL");
        }
        try {
            pageViews.record(new PageViews.PageView(aid, url, text(body, "title", 500), text(body, "ref", 2000),
                    page.getPath(), param(page, "utm_source"), param(page, "utm_medium"), param(page, "utm_campaign"),
                    param(page, "utm_term"), param(page, "utm_content"), request.getHeader(HttpHeaders.USER_AGENT),
                    clock.instant()));
        } catch (IllegalArgumentException e) {
            return bad("body", e.getMessage());
        } catch (IllegalStateException e) {
            // our side could not store it (shutting down, database busy): the beacon may be retried
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("success", false, "message", "The page view could not be stored; retry."));
        }
        return ResponseEntity.ok(Map.of("success", true));
    }

    private static String param(UriComponents page, String name) {
        String v = page.getQueryParams().getFirst(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        String decoded = UriUtils.decode(v.replace('+', ' '), StandardCharsets.UTF_8).strip();
        return decoded.isEmpty() ? null : decoded.length() > 200 ? decoded.substring(0, 200) : decoded;
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || !v.isString() || v.stringValue().isBlank()) {
            return null;
        }
        String s = v.stringValue().strip();
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static ResponseEntity<Map<String, Object>> bad(String field, String message) {
        return ResponseEntity.badRequest().body(Map.of("success", false, "field", field, "message", message));
    }
}
