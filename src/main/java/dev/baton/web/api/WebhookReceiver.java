package dev.baton.web.api;

import dev.baton.capture.InboundWebhooks;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/{webhookId}}: public, authenticated by the HMAC signature of timestamp and body instead of
 * a session or token, rate-limited per client IP. 202 with counts; 200 with {@code duplicate: true} for a
 * delivery already applied; 401 bad or stale signature; 400 with one error per bad item; nothing is appended
 * unless every item maps.
 */
@RestController
class WebhookReceiver {

    static final int MAX_BODY_BYTES = 1_000_000;

    private final InboundWebhooks webhooks;
    private final PublicRateLimiter limiter;

    WebhookReceiver(InboundWebhooks webhooks, PublicRateLimiter limiter) {
        this.webhooks = webhooks;
        this.limiter = limiter;
    }

    public record Accepted(int received, int appended, int contactsCreated, boolean duplicate) {
    }

    @PostMapping(path = "/hooks/{webhookId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> receive(@PathVariable String webhookId,
            @RequestHeader(name = InboundWebhooks.SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = InboundWebhooks.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = InboundWebhooks.DELIVERY_ID_HEADER, required = false) String deliveryId,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        if (!limiter.allow("hooks", request.getRemoteAddr())) {
            return problem(HttpStatus.TOO_MANY_REQUESTS, "Too many calls from this address; retry in a minute.",
                    request, List.of());
        }
        if (!Ids.isValid(webhookId)) {
            throw new NotFoundException("webhook", webhookId);
        }
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException("body", MAX_BODY_BYTES, body.length);
        }
        InboundWebhooks.Delivered d = webhooks.deliver(Ids.parse(webhookId), new InboundWebhooks.Call(
                body == null ? new byte[0] : body, signature, timestamp, deliveryId));
        return ResponseEntity.status(d.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(new Accepted(d.received(), d.appended(), d.contactsCreated(), d.duplicate()));
    }

    @ExceptionHandler(InboundWebhooks.SignatureMismatch.class)
    ResponseEntity<ApiProblem> badSignature(InboundWebhooks.SignatureMismatch ex, HttpServletRequest request) {
        return problem(HttpStatus.UNAUTHORIZED, ex.getMessage(), request,
                List.of(new ApiProblem.FieldProblem(InboundWebhooks.SIGNATURE_HEADER, ex.getMessage())));
    }

    @ExceptionHandler(InboundWebhooks.DeliveryRejected.class)
    ResponseEntity<ApiProblem> rejected(InboundWebhooks.DeliveryRejected ex, HttpServletRequest request) {
        List<ApiProblem.FieldProblem> errors = ex.errors().stream()
                .map(e -> new ApiProblem.FieldProblem(e.field(), e.message())).toList();
        return problem(HttpStatus.BAD_REQUEST, "Nothing was recorded: " + ApiErrorAdvice.summary(errors), request,
                errors);
    }

    private static ResponseEntity<ApiProblem> problem(HttpStatus status, String detail, HttpServletRequest req,
            List<ApiProblem.FieldProblem> errors) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            b.header(HttpHeaders.RETRY_AFTER, "60");
        }
        return b.body(new ApiProblem("about:blank", status.getReasonPhrase(), status.value(), detail,
                req.getRequestURI(), errors));
    }
}
