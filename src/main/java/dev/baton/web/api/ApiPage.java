package dev.baton.web.api;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a list. {@code nextCursor} is the id of the last item when more may follow (pass it
 * back as {@code cursor}), or null on the last page.
 */
public record ApiPage<T>(List<T> data, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only says that another page
     * exists and is not returned.
     */
    static <R, T> ApiPage<T> of(List<R> rows, int limit, ToLongFunction<R> id, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? dev.baton.platform.Ids.format(id.applyAsLong(shown.get(shown.size() - 1))) : null;
        return new ApiPage<>(shown.stream().map(view).toList(), next);
    }
}
