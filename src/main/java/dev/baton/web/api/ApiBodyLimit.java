package dev.baton.web.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies above 64 MB (413) before anything reads them: room for a full batch of
 * 10,000 activities with generous properties, but no way to exhaust memory with one request.
 */
@Configuration(proxyBeanMethods = false)
class ApiBodyLimit {

    static final long MAX_BYTES = 64L * 1024 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiBodyLimitFilter() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                if (request.getContentLengthLong() > MAX_BYTES) {
                    response.setStatus(413);
                    response.setContentType(ApiErrorAdvice.PROBLEM.toString());
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                            + "\"detail\":\"The request body is larger than 64 MB; split it into smaller batches.\","
                            + "\"instance\":\"" + request.getRequestURI().replaceAll("[\"\\\\]", "") + "\",\"errors\":[]}");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setName("apiBodyLimit");
        return registration;
    }
}
