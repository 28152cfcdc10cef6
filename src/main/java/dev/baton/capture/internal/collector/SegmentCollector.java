package dev.baton.capture.internal.collector;

import dev.baton.capture.CampaignMatcher;
import dev.baton.capture.ChannelRules;
import dev.baton.capture.internal.collector.SegmentMessages.BadMessage;
import dev.baton.capture.internal.collector.SegmentMessages.Parsed;
import dev.baton.capture.internal.collector.SegmentMessages.SegmentMessage;
import dev.baton.platform.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Segment HTTP Tracking API: {@code POST /v1/identify|track|page|screen|group|alias|batch|import}, so that
 * Segment and RudderStack SDKs work unchanged. Authentication as Segment: HTTP Basic with the write key as user
 * name and an empty password, or {@code writeKey} in the body. A write key is an API token with scope
 * {@code ingest}. Limits as Segment: 32 KB per call and per message, 500 KB per batch; beyond them, and for
 * malformed JSON or messages, 400 with a message. Success is {@code {"success": true}}, sent only after the
 * events are committed (see {@link CollectorWriter}).
 */
@RestController
class SegmentCollector {

    static final int MAX_CALL_BYTES = 32 * 1024;
    static final int MAX_BATCH_BYTES = 500 * 1024;
    private static final long COMMIT_TIMEOUT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentCollector.class);
    /** The answer to every accepted call, written once (thousands of calls a second). */
    private static final byte[] SUCCESS = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

    private final ApiTokens tokens;
    private final CollectorWriter writer;
    private final ObjectMapper json;
    private final SegmentMessages messages;
    private final Clock clock;
    private final Map<String, RecentGrant> grants = new java.util.concurrent.ConcurrentHashMap<>();

    static final long GRANT_TTL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int MAX_GRANTS = 1_000;

    private record RecentGrant(Optional<ApiTokens.Grant> grant, long at) {
    }

    SegmentCollector(ApiTokens tokens, CollectorWriter writer, ObjectMapper json, Clock clock,
            ChannelRules channelRules, CampaignMatcher campaigns) {
        this.tokens = tokens;
        this.writer = writer;
        this.json = json;
        this.messages = new SegmentMessages(json, channelRules, campaigns);
        this.clock = clock;
    }

    /** A refusal, answered as {@code {"success": false, "code": ..., "message": ...}}. */
    private static final class Refusal extends RuntimeException {
        final HttpStatus status;
        final String code;

        Refusal(HttpStatus status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    // Literal paths, not a {type} pattern: Spring MVC finds literal paths in a map, patterns one by one.
    @PostMapping(path = {"/v1/identify", "/v1/identify/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> identify(HttpServletRequest request) {
        return handle(request, "identify");
    }

    @PostMapping(path = {"/v1/track", "/v1/track/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> track(HttpServletRequest request) {
        return handle(request, "track");
    }

    @PostMapping(path = {"/v1/page", "/v1/page/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> page(HttpServletRequest request) {
        return handle(request, "page");
    }

    @PostMapping(path = {"/v1/screen", "/v1/screen/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> screen(HttpServletRequest request) {
        return handle(request, "screen");
    }

    @PostMapping(path = {"/v1/group", "/v1/group/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> group(HttpServletRequest request) {
        return handle(request, "group");
    }

    @PostMapping(path = {"/v1/alias", "/v1/alias/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> alias(HttpServletRequest request) {
        return handle(request, "alias");
    }

    @PostMapping(path = {"/v1/batch", "/v1/batch/", "/v1/import", "/v1/import/"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> batch(HttpServletRequest request) {
        return handle(request, null);
    }

    private ResponseEntity<?> handle(HttpServletRequest request, String type) {
        try {
            Instant receivedAt = clock.instant();
            int limit = type == null ? MAX_BATCH_BYTES : MAX_CALL_BYTES;
            byte[] body = read(request, limit);
            JsonNode root;
            try {
                root = json.readTree(body);
            } catch (JacksonException e) {
                throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_json", "Invalid JSON: "
                        + SegmentMessages.abbreviate(String.valueOf(e.getOriginalMessage())));
            }
            if (root == null || !root.isObject()) {
                throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_json", "The body must be a JSON object.");
            }
            authenticate(request, root);
            List<Parsed> parsed = type == null ? parseBatch(root, body.length, receivedAt)
                    : List.of(messages.parse(root, type, "", receivedAt, null, null));
            List<SegmentMessage> ready = new ArrayList<>(parsed.size());
            for (Parsed p : parsed) {
                ready.add(messages.attribute(p));
            }
            commit(ready);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(SUCCESS);
        } catch (BadMessage e) {
            return refuse(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
        } catch (Refusal r) {
            return refuse(r.status, r.code, r.getMessage());
        }
    }

    private List<Parsed> parseBatch(JsonNode root, int bodyBytes, Instant receivedAt) {
        JsonNode batch = root.get("batch");
        if (batch == null || !batch.isArray()) {
            throw new BadMessage("batch must be an array of messages");
        }
        Instant sentAt = SegmentMessages.time(root, "sentAt", "");
        JsonNode context = root.get("context");
        if (context != null && !context.isNull() && !context.isObject()) {
            throw new BadMessage("context must be an object");
        }
        List<Parsed> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode m = batch.get(i);
            // only a body over 32 KB can hold a message over 32 KB: measure only then
            if (bodyBytes > MAX_CALL_BYTES && json.writeValueAsBytes(m).length > MAX_CALL_BYTES) {
                throw new Refusal(HttpStatus.BAD_REQUEST, "payload_too_large",
                        "batch[" + i + "] is larger than 32 KB, the limit per message.");
            }
            out.add(messages.parse(m, null, "batch[" + i + "]: ", receivedAt, sentAt, context));
        }
        return out;
    }

    private void authenticate(HttpServletRequest request, JsonNode root) {
        String key = null;
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                throw new Refusal(HttpStatus.UNAUTHORIZED, "unauthorized",
                        "The Authorization header is not valid HTTP Basic.");
            }
        }
        if (key == null || key.isBlank()) {
            key = SegmentMessages.string(root.get("writeKey"));
        }
        if (key == null || key.isBlank()) {
            throw new Refusal(HttpStatus.UNAUTHORIZED, "unauthorized", "A write key is required: HTTP Basic with "
                    + "the write key as user name and an empty password, or writeKey in the body.");
        }
        Optional<ApiTokens.Grant> grant = grant(key.trim());
        if (grant.isEmpty()) {
            throw new Refusal(HttpStatus.UNAUTHORIZED, "unauthorized", "The write key is unknown or revoked.");
        }
        if (!grant.get().scopes().contains(ApiTokens.SCOPE_INGEST)) {
            throw new Refusal(HttpStatus.FORBIDDEN, "forbidden",
                    "This token is not a write key: a write key is a token with scope ingest.");
        }
    }

    /**
     * Write keys checked in the last {@link #GRANT_TTL_NANOS}: an SDK sends thousands of calls a minute with one
     * key, and checking it is a database read. So a revoked key is refused at most that long after revocation.
     */
    private Optional<ApiTokens.Grant> grant(String key) {
        long now = System.nanoTime();
        RecentGrant recent = grants.get(key);
        if (recent != null && now - recent.at() < GRANT_TTL_NANOS) {
            return recent.grant();
        }
        Optional<ApiTokens.Grant> grant = tokens.authenticate(key);
        if (grant.isPresent()) {
            if (grants.size() >= MAX_GRANTS) {
                grants.clear();
            }
            grants.put(key, new RecentGrant(grant, now));
        }
        return grant;
    }

    private void commit(List<SegmentMessage> parsed) {
        try {
            writer.submit(parsed).get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Interrupted; the events may not "
                    + "be stored. Retry.");
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("collector could not store {} events: {}", parsed.size(), String.valueOf(
                    e.getCause() == null ? e : e.getCause()));
            throw new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "The events could not be stored; retry.");
        }
    }

    private static byte[] read(HttpServletRequest request, int limit) {
        long declared = request.getContentLengthLong();
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (!gzip && declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream raw = request.getInputStream();
                InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_request",
                    gzip ? "The body is not valid gzip." : "The body could not be read.");
        }
    }

    private static Refusal tooLarge(int limit) {
        return new Refusal(HttpStatus.BAD_REQUEST, "payload_too_large", limit == MAX_CALL_BYTES
                ? "The payload is larger than 32 KB, the limit per call."
                : "The batch is larger than 500 KB, the limit per batch.");
    }

    private static ResponseEntity<Map<String, Object>> refuse(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("code", code);
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
