package dev.baton.web.security;

import dev.baton.platform.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer bt_...} through {@link ApiTokens}. A request without the
 * header passes on unauthenticated (and meets the entry point if the path needs a user); a presented
 * token that is unknown, revoked or not acceptable here is answered 401 at once.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final Predicate<HttpServletRequest> appliesTo;
    private final Predicate<ApiTokens.Grant> acceptable;

    /**
     * @param appliesTo  the requests on which a bearer token is looked at at all
     * @param acceptable which grants may authenticate those requests
     */
    BearerTokenFilter(ApiTokens tokens, Predicate<HttpServletRequest> appliesTo,
            Predicate<ApiTokens.Grant> acceptable) {
        this.tokens = tokens;
        this.appliesTo = appliesTo;
        this.acceptable = acceptable;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !appliesTo.test(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokens.Grant> grant = tokens.authenticate(header.substring(BEARER.length()).trim())
                .filter(acceptable);
        if (grant.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                    "The bearer token is unknown, revoked, or not valid here.", request.getRequestURI());
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(grant.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
