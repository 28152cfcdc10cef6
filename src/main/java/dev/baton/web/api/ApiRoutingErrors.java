package dev.baton.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers {@code /api/**} failures that happen before an API controller is chosen (unknown path,
 * unsupported method or content type) as problem+json. Requests outside the API, and exceptions from
 * API controllers (which {@link ApiErrorAdvice} handles), pass through untouched.
 */
@Component
class ApiRoutingErrors implements HandlerExceptionResolver, Ordered {

    private final ApiErrorAdvice advice;
    private final ObjectMapper json;

    ApiRoutingErrors(ApiErrorAdvice advice, ObjectMapper json) {
        this.advice = advice;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || (handler instanceof HandlerMethod m && m.getBeanType().getPackageName()
                        .equals(ApiRoutingErrors.class.getPackageName()))
                || response.isCommitted()) {
            return null;
        }
        ResponseEntity<ApiProblem> problem = advice.respond(ex, request);
        try {
            response.setStatus(problem.getStatusCode().value());
            problem.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
            response.setContentType(ApiErrorAdvice.PROBLEM.toString());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(json.writeValueAsString(problem.getBody()));
        } catch (java.io.IOException e) {
            return null;
        }
        return new ModelAndView();
    }
}
