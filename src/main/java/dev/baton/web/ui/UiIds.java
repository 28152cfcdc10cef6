package dev.baton.web.ui;

import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;

/** Ids in UI URLs: a malformed id names no record, so it is a 404 like an unknown one. */
final class UiIds {

    private UiIds() {
    }

    static long parse(String what, String text) {
        if (!Ids.isValid(text)) {
            throw new NotFoundException(what, text);
        }
        return Ids.parse(text);
    }
}
