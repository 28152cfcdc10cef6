package dev.baton.platform;

/**
 * Paging for lists. The UI pages by offset with a chosen sort; the API pages by cursor (id order,
 * {@code afterId}). When {@code afterId} is set, sort and offset are ignored.
 */
public record SortOrder<S extends Enum<S>>(S sort, boolean descending, int offset, Long afterId, int limit) {

    public static <S extends Enum<S>> SortOrder<S> cursor(Long afterId, int limit) {
        return new SortOrder<>(null, false, 0, afterId, limit);
    }

    public boolean isCursor() {
        return sort == null;
    }
}
