package dev.baton.web.ui;

import dev.baton.platform.BatonProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends an upload from the imports page that is larger than {@code BATON_IMPORTS_MAX_UPLOAD_SIZE} back to that
 * page, which then names the limit beside the file field. It must run before Spring Security: the CSRF filter
 * reads the form's token, which makes the container parse the multipart body and fail with a bare 413 page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ImportUploadLimit extends OncePerRequestFilter {

    static final String TOO_LARGE_PARAM = "too-large";

    private final long maxBytes;

    ImportUploadLimit(BatonProperties props) {
        this.maxBytes = props.imports().maxUploadSize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !(request.getContextPath() + "/capture/imports").equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + "/capture/imports?" + TOO_LARGE_PARAM);
            response.setHeader("Connection", "close");
            return;
        }
        chain.doFilter(request, response);
    }
}
