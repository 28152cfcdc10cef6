package dev.baton.web.security;

import dev.baton.platform.ApiTokens;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.Role;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Baton's security model, in two filter chains.
 *
 * <ul>
 * <li>{@code /api/**}: stateless, bearer API tokens only, no CSRF (no cookies are honoured), 401/403 as
 * problem+json. Scope {@code api} acts with the issuing user's role; scope {@code ingest} may only append
 * activities.</li>
 * <li>Everything else: the UI with form login, session and CSRF; actuator endpoints also accept an
 * {@code api} token so that Prometheus can scrape without a session.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final String ADMIN = Role.ADMIN.name();
    private static final String OPS = Role.OPS.name();
    private static final String MARKETER = Role.MARKETER.name();
    private static final String SALES = Role.SALES.name();
    private static final String VIEWER = Role.VIEWER.name();
    private static final String[] ALL_ROLES = Arrays.stream(Role.values()).map(Enum::name).toArray(String[]::new);

    /**
     * The Segment-compatible collector ({@code /v1/**}): its controller authenticates the write key itself
     * (HTTP Basic or {@code writeKey} in the body), so this chain only makes it stateless and cookie-free.
     */
    @Bean
    @Order(0)
    SecurityFilterChain collectorChain(HttpSecurity http) throws Exception {
        publicStateless(http.securityMatcher("/v1/**"))
                .securityContext(c -> c.disable())
                .anonymous(a -> a.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .frameOptions(f -> f.deny()))
                // browser SDKs (analytics.js) post from any site: answer CORS preflights; no cookies
                .cors(c -> c.configurationSource(anyOriginWithoutCredentials(HttpMethod.POST)));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens) throws Exception {
        BearerTokenFilter bearer = new BearerTokenFilter(tokens, request -> true, grant -> true);
        http.securityMatcher("/api/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .frameOptions(f -> f.deny()))
                .addFilterBefore(bearer, UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                                    "Authentication required: send Authorization: Bearer <API token>.",
                                    request.getRequestURI());
                        })
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response,
                                HttpStatus.FORBIDDEN, "This token's role or scope does not allow "
                                        + request.getMethod() + " " + request.getRequestURI() + ".",
                                request.getRequestURI())))
                .authorizeHttpRequests(a -> a
                        // the public write key: activity ingestion only
                        .requestMatchers(HttpMethod.POST, "/api/v1/activities", "/api/v1/activities/batch")
                        .hasAnyAuthority(Role.ADMIN.authority(), Role.OPS.authority(), Role.MARKETER.authority(),
                                ApiTokenAuthentication.SCOPE_PREFIX + ApiTokens.SCOPE_INGEST)
                        .requestMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/users/**").hasAnyRole(ADMIN, OPS)
                        .requestMatchers(HttpMethod.HEAD, "/api/v1/users/**").hasAnyRole(ADMIN, OPS)
                        .requestMatchers("/api/v1/users/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/campaigns/**", "/api/v1/cost-entries/**")
                        .hasAnyRole(ADMIN, OPS, MARKETER, VIEWER)
                        .requestMatchers(HttpMethod.HEAD, "/api/v1/campaigns/**", "/api/v1/cost-entries/**")
                        .hasAnyRole(ADMIN, OPS, MARKETER, VIEWER)
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasAnyRole(ADMIN, OPS)
                        .requestMatchers("/api/v1/forms", "/api/v1/forms/**").hasAnyRole(ADMIN, OPS, MARKETER)
                        .requestMatchers("/api/v1/imports", "/api/v1/imports/**", "/api/v1/import-presets",
                                "/api/v1/import-presets/**").hasAnyRole(ADMIN, OPS, MARKETER)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ALL_ROLES)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(ALL_ROLES)
                        .requestMatchers("/api/v1/channel-rules", "/api/v1/channel-rules/**").hasAnyRole(ADMIN, OPS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/contacts/*/merge").hasAnyRole(ADMIN, OPS)
                        .requestMatchers("/api/v1/opportunities/**").hasAnyRole(ADMIN, OPS, SALES)
                        .requestMatchers("/api/v1/contacts/**", "/api/v1/accounts/**", "/api/v1/activities/**",
                                "/api/v1/campaigns/**", "/api/v1/cost-entries/**")
                        .hasAnyRole(ADMIN, OPS, MARKETER)
                        .anyRequest().hasAnyRole(ALL_ROLES));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiChain(HttpSecurity http, ApiTokens tokens, Clock clock,
            BatonProperties props) throws Exception {
        int loginAttemptsPerMinute = props.security().loginAttemptsPerMinute();
        RequestMatcher actuator = PathPatternRequestMatcher.withDefaults().matcher("/actuator/**");
        // Prometheus and friends scrape with an api-scoped token; ingest keys open nothing here.
        BearerTokenFilter actuatorBearer = new BearerTokenFilter(tokens, actuator::matches,
                grant -> grant.scopes().contains(ApiTokens.SCOPE_API));
        http.addFilterBefore(new LoginRateLimiter(loginAttemptsPerMinute, clock),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(actuatorBearer, UsernamePasswordAuthenticationFilter.class)
                .formLogin(f -> f.loginPage("/login").loginProcessingUrl("/login")
                        .usernameParameter("username").passwordParameter("password")
                        .failureUrl("/login?error").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .httpBasic(b -> b.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), actuator))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**", "/error", "/error/**").permitAll()
                        .requestMatchers("/admin/**").hasRole(ADMIN)
                        .requestMatchers("/system/**").hasAnyRole(ADMIN, OPS)
                        .requestMatchers(HttpMethod.POST, "/capture/channels/**").hasAnyRole(ADMIN, OPS)
                        .requestMatchers("/capture/webhooks", "/capture/webhooks/**").hasAnyRole(ADMIN, OPS)
                        .requestMatchers("/capture/**").hasAnyRole(ADMIN, OPS, MARKETER)
                        .requestMatchers("/campaigns/**").hasAnyRole(ADMIN, OPS, MARKETER, VIEWER)
                        .requestMatchers("/actuator/**").hasAnyRole(ADMIN, OPS)
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Hosted forms ({@code /f/**}) and the tracking snippet ({@code /t/**}): public, stateless, no CSRF (a form
     * post carries a signed render token instead). Any site may frame a form and post to it from script (CORS
     * without credentials); the hosted page runs no script and may post only to Baton (its own thank-you page
     * may redirect onwards, hence http/https in form-action). The controllers rate-limit per client IP.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicFormsChain(HttpSecurity http) throws Exception {
        publicStateless(http.securityMatcher("/f/**", "/t/**"))
                .securityContext(c -> c.disable())
                .anonymous(a -> a.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; "
                                + "style-src 'unsafe-inline'; img-src data:; form-action 'self' http: https:; "
                                + "base-uri 'none'; frame-ancestors *"))
                        .frameOptions(f -> f.disable()))
                .cors(c -> c.configurationSource(anyOriginWithoutCredentials(HttpMethod.GET, HttpMethod.POST)));
        return http.build();
    }

    /**
     * Public capture endpoints: QR scans ({@code /q/**}) and inbound webhooks ({@code /hooks/**}). No
     * session, cookie or CSRF token: the scan needs nothing, a webhook call proves itself with the HMAC
     * signature of its body; both controllers rate-limit per client IP themselves.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicCaptureChain(HttpSecurity http) throws Exception {
        publicStateless(http.securityMatcher("/q/**", "/hooks/**"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    /** CORS for endpoints any web site may call from script: every origin, no cookies, preflight cached a day. */
    private static CorsConfigurationSource anyOriginWithoutCredentials(HttpMethod... methods) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.addAllowedOriginPattern("*");
        for (HttpMethod method : methods) {
            cors.addAllowedMethod(method);
        }
        cors.addAllowedHeader("*");
        cors.setAllowCredentials(false);
        cors.setMaxAge(86_400L);
        return request -> cors;
    }

    /** What every public chain shares: open to anyone, no session, cookie, CSRF token, login or saved request. */
    private static HttpSecurity publicStateless(HttpSecurity http) throws Exception {
        return http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    }
}
