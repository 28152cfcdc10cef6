package dev.baton.capture.internal.forms;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secrets every node must share (the render-token HMAC key, the snippet's site key): created once in the
 * database by whichever node needs one first, then read by all. Cached after the first read; they never change.
 */
@Component
public class CaptureSecrets {

    public static final String RENDER_TOKEN_KEY = "form-render-token";
    public static final String SITE_KEY = "snippet-site-key";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    CaptureSecrets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The named secret, created (32 random bytes, hex) on first use. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public String get(String name) {
        String cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        String secret = read(name);
        if (secret == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String fresh = (SITE_KEY.equals(name) ? "site_" : "") + HexFormat.of().formatHex(bytes);
            // both engines speak ON CONFLICT; when another node made it first, theirs is read back
            jdbc.sql("INSERT INTO capture_secret (name, secret, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (name) DO NOTHING").params(name, fresh, clock.millis()).update();
            secret = read(name);
        }
        cache.put(name, secret);
        return secret;
    }

    private String read(String name) {
        return jdbc.sql("SELECT secret FROM capture_secret WHERE name = ?").param(name).query(String.class)
                .optional().orElse(null);
    }
}
