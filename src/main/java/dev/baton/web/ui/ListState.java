package dev.baton.web.ui;

import dev.baton.platform.SortOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The state of one list screen (filters, sort, page) and the links that change it, so that sort
 * headers and pagers keep every other filter. Sort keys are enum constants, never raw SQL.
 */
public final class ListState<S extends Enum<S>> {

    public static final int PAGE_SIZE = 25;

    private final String path;
    private final Map<String, String> filters = new LinkedHashMap<>();
    private final S sort;
    private final boolean descending;
    private int page;
    private final int size;
    private long total;

    private ListState(String path, S sort, boolean descending, int page, int size) {
        this.path = path;
        this.sort = sort;
        this.descending = descending;
        this.page = page;
        this.size = size;
    }

    /** Parses sort/dir/page request values, falling back to the defaults for anything unknown. */
    public static <S extends Enum<S>> ListState<S> of(String path, Class<S> sorts, String sort, String dir, int page,
            S defaultSort, boolean defaultDescending) {
        S s = parse(sorts, sort);
        boolean desc;
        if (s == null) {
            s = defaultSort;
            desc = dir == null ? defaultDescending : "desc".equalsIgnoreCase(dir);
        } else {
            desc = dir == null ? false : "desc".equalsIgnoreCase(dir);
        }
        return new ListState<>(path, s, desc, Math.max(1, page), PAGE_SIZE);
    }

    public static <S extends Enum<S>> S parse(Class<S> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public ListState<S> filter(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            filters.put(name, value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : value.toString());
        }
        return this;
    }

    public SortOrder<S> order() {
        return new SortOrder<>(sort, descending, (page - 1) * size, null, size);
    }

    /** Sets the number of matching rows and pulls an out-of-range page back to the last one. */
    public ListState<S> total(long total) {
        this.total = total;
        this.page = Math.min(page, pages());
        return this;
    }

    public long total() {
        return total;
    }

    public String filter(String name) {
        return filters.get(name);
    }

    public boolean filtered() {
        return !filters.isEmpty();
    }

    public String sort() {
        return sort.name().toLowerCase(Locale.ROOT);
    }

    public boolean descending() {
        return descending;
    }

    public int page() {
        return page;
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public long from() {
        return total == 0 ? 0 : (long) (page - 1) * size + 1;
    }

    public long to() {
        return Math.min(total, (long) page * size);
    }

    /** Page numbers to show around the current one; 0 stands for a gap. */
    public List<Integer> window() {
        List<Integer> out = new ArrayList<>();
        int last = pages();
        for (int p = 1; p <= last; p++) {
            if (p == 1 || p == last || Math.abs(p - page) <= 2) {
                out.add(p);
            } else if (!out.isEmpty() && out.get(out.size() - 1) != 0) {
                out.add(0);
            }
        }
        return out;
    }

    /** Link that sorts by {@code key}: ascending first, toggling when it is already the sort. */
    public String sortUrl(String key) {
        boolean same = sort.name().equalsIgnoreCase(key);
        String dir = same && !descending ? "desc" : "asc";
        return url(key.toLowerCase(Locale.ROOT), dir, 1);
    }

    /** "asc", "desc" or "" for a header, for its arrow. */
    public String sortState(String key) {
        if (!sort.name().equalsIgnoreCase(key)) {
            return "";
        }
        return descending ? "desc" : "asc";
    }

    public String pageUrl(int p) {
        return url(sort(), descending ? "desc" : "asc", p);
    }

    public String path() {
        return path;
    }

    private String url(String sortKey, String dir, int p) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        filters.forEach(b::queryParam);
        b.queryParam("sort", sortKey).queryParam("dir", dir);
        if (p > 1) {
            b.queryParam("page", p);
        }
        return b.build().encode().toUriString();
    }
}
