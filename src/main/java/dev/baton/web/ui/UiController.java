package dev.baton.web.ui;

import dev.baton.platform.NotFoundException;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Base of the UI controllers: a record that does not exist (unknown or malformed id) renders the
 * friendly 404 page. Declared on the controllers themselves because controller-local handlers win
 * over the API's global advice, which hands non-API exceptions back unresolved.
 */
public abstract class UiController {

    @ExceptionHandler({NotFoundException.class, NoSuchElementException.class})
    protected ModelAndView notFound(RuntimeException e) {
        ModelAndView mv = new ModelAndView("error/404");
        mv.setStatus(HttpStatus.NOT_FOUND);
        mv.addObject("status", 404);
        mv.addObject("detail", e instanceof NotFoundException ? "That record does not exist or was deleted." : null);
        return mv;
    }
}
