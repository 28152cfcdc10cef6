package dev.baton.web.api;

import dev.baton.platform.Ids;

/** Cursor and limit of list requests. */
final class Paging {

    static final int MAX_LIMIT = 500;

    private Paging() {
    }

    /** The id after which the page starts, or null for the first page. */
    static Long cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (!Ids.isValid(cursor)) {
            throw new ApiValidationException("cursor", "must be a nextCursor value from a previous page");
        }
        return Ids.parse(cursor);
    }

    static void limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }
}
