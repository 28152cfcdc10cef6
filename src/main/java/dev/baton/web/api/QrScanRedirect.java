package dev.baton.web.api;

import dev.baton.capture.QrCodes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public end of a printed QR code: {@code GET /q/{token}} records the scan and forwards to the
 * landing page with UTMs. People with phones see it, so failures are small HTML pages, not JSON.
 */
@RestController
class QrScanRedirect {

    private final QrCodes codes;
    private final PublicRateLimiter limiter;

    QrScanRedirect(QrCodes codes, PublicRateLimiter limiter) {
        this.codes = codes;
        this.limiter = limiter;
    }

    @GetMapping("/q/{token}")
    ResponseEntity<String> scan(@PathVariable String token, HttpServletRequest request) {
        if (!limiter.allow("qr", request.getRemoteAddr())) {
            return page(HttpStatus.TOO_MANY_REQUESTS, "Too many scans",
                    "This address has scanned a lot of codes in a short time. Please try again in a minute.");
        }
        return codes.scan(token, request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr())
                .map(target -> ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target))
                        .cacheControl(CacheControl.noStore()).<String>build())
                .orElseGet(() -> page(HttpStatus.NOT_FOUND, "Code not found",
                        "We could not find this code. It may have been mistyped or withdrawn."));
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String message) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).contentType(new MediaType("text", "html",
                java.nio.charset.StandardCharsets.UTF_8)).cacheControl(CacheControl.noStore());
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            b.header(HttpHeaders.RETRY_AFTER, "60");
        }
        return b.body("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body style=\"font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;"
                + "padding:0 1rem\"><h1>" + title + "</h1><p>" + message + "</p></body></html>");
    }
}
