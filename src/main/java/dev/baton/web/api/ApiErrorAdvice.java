package dev.baton.web.api;

import dev.baton.platform.ConflictException;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every failure of an {@code /api/**} request into an RFC 9457 problem document: client
 * mistakes into 400 naming each field and rule, unknown resources 404, wrong method 405, clashes with
 * stored state 409, oversized batches 413, wrong content type 415. It applies to the API's controllers
 * only; failures before a controller is chosen (no route, wrong method or content type) reach
 * {@link ApiRoutingErrors}, which answers them with {@link #respond} too.
 */
@RestControllerAdvice(basePackageClasses = ApiErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private final dev.baton.platform.BatonProperties props;

    ApiErrorAdvice(dev.baton.platform.BatonProperties props) {
        this.props = props;
    }

    @ExceptionHandler(ApiValidationException.class)
    ResponseEntity<ApiProblem> validation(ApiValidationException ex, HttpServletRequest req) {
        return problem(HttpStatus.BAD_REQUEST, summary(ex.errors()), req, ex.errors());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiProblem> tooLarge(PayloadTooLargeException ex, HttpServletRequest req) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage(), req,
                List.of(new ApiProblem.FieldProblem(ex.field(), ex.getMessage())));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiProblem> uploadTooLarge(MaxUploadSizeExceededException ex, HttpServletRequest req)
            {
        String message = "the upload is larger than the limit of " + props.imports().maxUploadSize().toMegabytes()
                + " MB (BATON_IMPORTS_MAX_UPLOAD_SIZE)";
        return problem(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large: " + message + ".", req,
                List.of(new ApiProblem.FieldProblem("file", message)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiProblem> unreadable(HttpMessageNotReadableException ex, HttpServletRequest req)
            {
        ApiProblem.FieldProblem error = jsonProblem(ex);
        return problem(HttpStatus.BAD_REQUEST, "The request body could not be read: " + error.field() + " "
                + error.message(), req, List.of(error));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiProblem> invalid(MethodArgumentNotValidException ex, HttpServletRequest req) {
        List<ApiProblem.FieldProblem> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(new ApiProblem.FieldProblem(fe.getField(), fe.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(ge -> errors.add(new ApiProblem.FieldProblem("body", ge.getDefaultMessage())));
        errors.sort(java.util.Comparator.comparing(ApiProblem.FieldProblem::field));
        return problem(HttpStatus.BAD_REQUEST, summary(errors), req, errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiProblem> invalidParameters(HandlerMethodValidationException ex, HttpServletRequest req)
            {
        List<ApiProblem.FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> {
            var rp = r.getMethodParameter().getParameterAnnotation(
                    org.springframework.web.bind.annotation.RequestParam.class);
            String name = rp != null && !rp.name().isEmpty() ? rp.name()
                    : rp != null && !rp.value().isEmpty() ? rp.value() : r.getMethodParameter().getParameterName();
            r.getResolvableErrors().forEach(e -> errors.add(new ApiProblem.FieldProblem(name, e.getDefaultMessage())));
        });
        return problem(HttpStatus.BAD_REQUEST, "The request has invalid parameters.", req, errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiProblem> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest req)
            {
        String message = "must be " + describe(ex.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "Parameter " + ex.getName() + " " + message + ".", req,
                List.of(new ApiProblem.FieldProblem(ex.getName(), message)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiProblem> missingParameter(MissingServletRequestParameterException ex, HttpServletRequest req)
            {
        return problem(HttpStatus.BAD_REQUEST, "Parameter " + ex.getParameterName() + " is required.", req,
                List.of(new ApiProblem.FieldProblem(ex.getParameterName(), "is required")));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<ApiProblem> binding(ServletRequestBindingException ex, HttpServletRequest req) {
        return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), req, List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiProblem> unsupportedType(HttpMediaTypeNotSupportedException ex, HttpServletRequest req)
            {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.", req,
                List.of(new ApiProblem.FieldProblem("Content-Type", "must be application/json")));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiProblem> notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletRequest req)
            {
        return problem(HttpStatus.NOT_ACCEPTABLE, "This API answers application/json only.", req, List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiProblem> methodNotAllowed(HttpRequestMethodNotSupportedException ex, HttpServletRequest req)
            {
        ResponseEntity<ApiProblem> response = problem(HttpStatus.METHOD_NOT_ALLOWED,
                req.getMethod() + " is not supported here" + (ex.getSupportedMethods() == null ? "."
                        : "; allowed: " + String.join(", ", ex.getSupportedMethods()) + "."), req, List.of());
        if (ex.getSupportedHttpMethods() != null) {
            return ResponseEntity.status(response.getStatusCode()).contentType(PROBLEM)
                    .header(HttpHeaders.ALLOW, ex.getSupportedHttpMethods().stream().map(Object::toString)
                            .collect(Collectors.joining(", ")))
                    .body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiProblem> noRoute(Exception ex, HttpServletRequest req) {
        return problem(HttpStatus.NOT_FOUND, "No API endpoint at " + req.getRequestURI() + ".", req, List.of());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiProblem> notFound(NotFoundException ex, HttpServletRequest req) {
        if (ex.field() != null) {
            return problem(HttpStatus.BAD_REQUEST, ex.getMessage() + ".", req,
                    List.of(new ApiProblem.FieldProblem(ex.field(), "refers to nothing: " + ex.getMessage())));
        }
        return problem(HttpStatus.NOT_FOUND, ex.getMessage() + ".", req, List.of());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ApiProblem> noSuchElement(NoSuchElementException ex, HttpServletRequest req) {
        return problem(HttpStatus.NOT_FOUND, ex.getMessage() == null ? "Not found." : ex.getMessage() + ".", req,
                List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiProblem> conflict(ConflictException ex, HttpServletRequest req) {
        return problem(HttpStatus.CONFLICT, ex.getMessage(), req,
                ex.field() == null ? List.of() : List.of(new ApiProblem.FieldProblem(ex.field(), ex.getMessage())));
    }

    @ExceptionHandler(UserDirectory.DuplicateEmailException.class)
    ResponseEntity<ApiProblem> duplicateEmail(UserDirectory.DuplicateEmailException ex, HttpServletRequest req)
            {
        return problem(HttpStatus.CONFLICT, ex.getMessage(), req,
                List.of(new ApiProblem.FieldProblem("email", "is already taken")));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiProblem> integrity(DataIntegrityViolationException ex, HttpServletRequest req)
            {
        log.info("integrity violation on {} {}: {}", req.getMethod(), req.getRequestURI(), ex.getMostSpecificCause()
                .getMessage());
        return problem(HttpStatus.CONFLICT, "The change conflicts with stored data (a duplicate value, or a record "
                + "that is still referenced).", req, List.of());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiProblem> illegalArgument(IllegalArgumentException ex, HttpServletRequest req)
            {
        return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), req, List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiProblem> unexpected(Exception ex, HttpServletRequest req) {
        log.error("unexpected failure on {} {}", req.getMethod(), req.getRequestURI(), ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.", req,
                List.of());
    }

    private static final ExceptionHandlerMethodResolver HANDLERS =
            new ExceptionHandlerMethodResolver(ApiErrorAdvice.class);

    /** The problem document for any exception, by the most specific handler above. */
    @SuppressWarnings("unchecked")
    ResponseEntity<ApiProblem> respond(Exception ex, HttpServletRequest req) {
        Method handler = HANDLERS.resolveMethodByThrowable(ex);
        try {
            return handler == null ? unexpected(ex, req) : (ResponseEntity<ApiProblem>) handler.invoke(this, ex, req);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.error("failed to describe {} for {}", ex, req.getRequestURI(), e);
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.", req, List.of());
        }
    }

    /** "email: must be a well-formed email address (and 2 more)": the detail a person reads first. */
    static String summary(List<ApiProblem.FieldProblem> errors) {
        if (errors.isEmpty()) {
            return "The request is invalid.";
        }
        ApiProblem.FieldProblem first = errors.get(0);
        return first.field() + ": " + first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1)
                + " more)" : "");
    }

    private static ResponseEntity<ApiProblem> problem(HttpStatus status, String detail, HttpServletRequest req,
            List<ApiProblem.FieldProblem> errors) {
        return ResponseEntity.status(status).contentType(PROBLEM)
                .body(new ApiProblem("about:blank", status.getReasonPhrase(), status.value(), detail,
                        req.getRequestURI(), errors));
    }

    // ---- reading Jackson's complaints -------------------------------------------------------------

    static ApiProblem.FieldProblem jsonProblem(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (!(cause instanceof JacksonException je)) {
            return new ApiProblem.FieldProblem("body", "is required and must be a JSON object");
        }
        String path = path(je);
        String field = path.isEmpty() ? "body" : path;
        if (cause instanceof PropertyBindingException pb) {
            Collection<Object> known = pb.getKnownPropertyIds();
            return new ApiProblem.FieldProblem(field, "is not a known field" + (known == null || known.isEmpty() ? ""
                    : "; known fields: " + known.stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", "))));
        }
        if (cause instanceof InvalidNullException) {
            return new ApiProblem.FieldProblem(field, "must not be null");
        }
        if (cause instanceof InvalidFormatException f) {
            return new ApiProblem.FieldProblem(field, "must be " + describe(f.getTargetType()) + " (was "
                    + abbreviate(String.valueOf(f.getValue())) + ")");
        }
        if (cause instanceof MismatchedInputException m) {
            if (path.isEmpty() && isEndOfInput(m)) {
                return new ApiProblem.FieldProblem("body", "is required and must be a JSON object");
            }
            return new ApiProblem.FieldProblem(field, "must be " + describe(m.getTargetType()));
        }
        if (cause instanceof ValueInstantiationException v) {
            Throwable root = v.getCause() == null ? v : v.getCause();
            return new ApiProblem.FieldProblem(field, abbreviate(String.valueOf(root.getMessage())));
        }
        if (cause instanceof InputCoercionException ic) {
            return new ApiProblem.FieldProblem(field, "is out of range" + (ic.getTargetType() == null ? ""
                    : " for " + describe(ic.getTargetType())));
        }
        if (cause instanceof StreamReadException s) {
            var loc = s.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            return new ApiProblem.FieldProblem(field, "is not well-formed JSON" + where + ": "
                    + abbreviate(withoutSource(String.valueOf(s.getOriginalMessage()))));
        }
        return new ApiProblem.FieldProblem(field, abbreviate(String.valueOf(je.getOriginalMessage())));
    }

    private static boolean isEndOfInput(MismatchedInputException m) {
        String msg = String.valueOf(m.getOriginalMessage()).toLowerCase(Locale.ROOT);
        return msg.contains("no content") || msg.contains("end-of-input");
    }

    static String path(JacksonException ex) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** What a value of this Java type looks like in JSON or in a query parameter. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T09:30:00Z";
        }
        if (type == LocalDate.class) {
            return "a date in yyyy-MM-dd form";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == BigInteger.class || type == short.class || type == Short.class) {
            return "an integer";
        }
        if (type == BigDecimal.class || type == double.class || type == Double.class || type == float.class
                || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (type.isRecord()) {
            return "a JSON object";
        }
        return "a valid " + type.getSimpleName();
    }

    /** Jackson notes where an unclosed object started, with a redacted source; the column says enough. */
    private static String withoutSource(String message) {
        int cut = message.indexOf(" (start marker at");
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
