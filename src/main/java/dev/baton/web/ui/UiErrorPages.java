package dev.baton.web.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Browser requests get HTML error pages, not problem+json: Spring MVC's own failures (unknown URL,
 * wrong method, a parameter of the wrong type) would otherwise be answered by Boot's problem-details
 * handler, which is right for the API and wrong for a person. Ordered before that handler and after
 * the API's advice; {@code /api/**} requests are handed back untouched (the API answers those).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1000)
class UiErrorPages {

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class, ErrorResponseException.class,
            HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class, ServletRequestBindingException.class,
            MissingServletRequestPartException.class, MethodArgumentNotValidException.class,
            HandlerMethodValidationException.class, MaxUploadSizeExceededException.class,
            TypeMismatchException.class, HttpMessageNotReadableException.class})
    ModelAndView frameworkError(Exception e, HttpServletRequest request) throws Exception {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e;
        }
        HttpStatusCode status = e instanceof ErrorResponse r ? r.getStatusCode() : HttpStatus.BAD_REQUEST;
        ModelAndView mv = new ModelAndView(status.value() == 404 ? "error/404" : "error/error");
        mv.setStatus(status);
        mv.addObject("status", status.value());
        HttpStatus known = HttpStatus.resolve(status.value());
        mv.addObject("error", known == null ? null : known.getReasonPhrase());
        return mv;
    }
}
