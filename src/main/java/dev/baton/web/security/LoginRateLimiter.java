package dev.baton.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: at most {@code limit} sign-in attempts per client IP in any sliding
 * minute, answered 429 beyond that. A successful sign-in does not count, so people who type their
 * password right are never locked out by colleagues behind the same NAT. In memory on purpose: losing
 * the counters on restart costs nothing that matters.
 */
class LoginRateLimiter extends OncePerRequestFilter {

    static final long WINDOW_MS = 60_000;
    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final int limit;
    private final Clock clock;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

    LoginRateLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = request.getRemoteAddr();
        long now = clock.millis();
        Long taken = take(client, now);
        if (taken == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(WINDOW_MS / 1000));
            ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS,
                    "Too many sign-in attempts from this address. Try again in a minute.", "/login");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
                refund(client, taken);
            }
        }
    }

    /** Records an attempt and returns its time, or null when the client is over the limit. */
    private Long take(String client, long now) {
        if (attempts.size() > MAX_TRACKED_CLIENTS) {
            prune(now);
        }
        Deque<Long> times = attempts.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MS) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return null;
            }
            times.addLast(now);
            return now;
        }
    }

    private void refund(String client, long at) {
        Deque<Long> times = attempts.get(client);
        if (times != null) {
            synchronized (times) {
                times.removeLastOccurrence(at);
            }
        }
    }

    private void prune(long now) {
        for (Iterator<Map.Entry<String, Deque<Long>>> it = attempts.entrySet().iterator(); it.hasNext(); ) {
            Deque<Long> times = it.next().getValue();
            synchronized (times) {
                if (times.isEmpty() || times.peekLast() <= now - WINDOW_MS) {
                    it.remove();
                }
            }
        }
    }
}
