package dev.baton.web.api;

import dev.baton.platform.BatonProperties;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client IP and endpoint for the public capture endpoints (QR scans, inbound
 * webhooks, form posts, snippet page views): a burst of {@code perMinute} requests, refilled evenly over
 * a minute. Generous on purpose,
 * because many phones share one carrier NAT address. In memory: losing the buckets on restart or
 * having one per node only loosens the limit, which costs nothing that matters.
 */
@Component
class PublicRateLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final double capacity;
    private final double refillPerMs;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PublicRateLimiter(BatonProperties props, Clock clock) {
        this.capacity = Math.max(1, props.capture().publicRequestsPerMinute());
        this.refillPerMs = capacity / 60_000.0;
        this.clock = clock;
    }

    /** Takes one token for the client on this endpoint; false when the bucket is empty. */
    boolean allow(String endpoint, String clientIp) {
        return allow(endpoint, clientIp, capacity, refillPerMs);
    }

    /** As {@link #allow(String, String)}, with the endpoint's own limit (e.g. form posts). */
    boolean allow(String endpoint, String clientIp, int perMinute) {
        double cap = Math.max(1, perMinute);
        return allow(endpoint, clientIp, cap, cap / 60_000.0);
    }

    private boolean allow(String endpoint, String clientIp, double capacity, double refillPerMs) {
        long now = clock.millis();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(b -> b.fullAt(now, b.capacity, b.refillPerMs));
        }
        Bucket bucket = buckets.computeIfAbsent(endpoint + "|" + clientIp,
                k -> new Bucket(capacity, refillPerMs, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * refillPerMs);
            bucket.at = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    private static final class Bucket {
        final double capacity;
        final double refillPerMs;
        double tokens;
        long at;

        Bucket(double capacity, double refillPerMs, long at) {
            this.capacity = capacity;
            this.refillPerMs = refillPerMs;
            this.tokens = capacity;
            this.at = at;
        }

        synchronized boolean fullAt(long now, double capacity, double refillPerMs) {
            return tokens + (now - at) * refillPerMs >= capacity;
        }
    }
}
