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
    FilterRegistrationBean<OncePerRequestFilter> apiBodyLimitFilter(dev.baton.platform.BatonProperties props) {
        long uploadBytes = props.imports().maxUploadSize().toBytes();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                // CSV uploads stream to disk, so they have their own (larger) limit
                boolean upload = "POST".equals(request.getMethod()) && request.getContentType() != null
                        && request.getContentType().startsWith("multipart/")
                        && request.getRequestURI().equals(request.getContextPath() + "/api/v1/imports");
                long limit = upload ? uploadBytes : MAX_BYTES;
                if (request.getContentLengthLong() > limit) {
                    String detail = upload ? "The upload is larger than the limit of " + (limit >> 20)
                            + " MB (BATON_IMPORTS_MAX_UPLOAD_SIZE)."
                            : "The request body is larger than 64 MB; split it into smaller batches.";
                    String errors = upload ? "[{\"field\":\"file\",\"message\":\"" + detail + "\"}]" : "[]";
                    response.setStatus(413);
                    response.setContentType(ApiErrorAdvice.PROBLEM.toString());
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                            + "\"detail\":\"" + detail + "\","
                            + "\"instance\":\"" + request.getRequestURI().replaceAll("[\"\\\\]", "") + "\",\"errors\":"
                            + errors + "}");
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
