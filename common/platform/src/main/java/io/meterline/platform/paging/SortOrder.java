package io.meterline.platform.paging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.meterline.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;

/**
 * A list's order, as asked in {@code ?sort=field,-field}: fields in order of precedence, a leading {@code -} for
 * descending. Each list names the fields it sorts by; anything else is a 400 that names them. The list's own order
 * applies when none is asked for, and its tie-breaker (a unique column) always ends the order, so pages never
 * overlap or skip a row.
 */
public record SortOrder(List<Key> keys) {

    /** At most this many fields: more never changes a page a person reads. */
    public static final int MAX_KEYS = 4;

    public record Key(String field, boolean descending) {
    }

    /**
     * Parses {@code sort}; null or blank gives {@code defaultSort} (in the same syntax).
     *
     * @param sortable the fields this list sorts by, as the API names them
     */
    public static SortOrder parse(String sort, Set<String> sortable, String defaultSort) {
        if (sort == null || sort.isBlank()) {
            return parse(defaultSort, sortable);
        }
        return parse(sort, sortable);
    }

    private static SortOrder parse(String sort, Set<String> sortable) {
        String[] parts = sort.split(",", -1);
        if (parts.length > MAX_KEYS) {
            throw ProblemException.invalidField("sort", "at most " + MAX_KEYS + " fields");
        }
        List<Key> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : parts) {
            String part = raw.strip();
            boolean descending = part.startsWith("-");
            String field = descending || part.startsWith("+") ? part.substring(1) : part;
            if (!sortable.contains(field)) {
                throw ProblemException.invalidField("sort", (field.isEmpty() ? "an empty field"
                        : "'" + field + "' is not a field this list sorts by") + "; use "
                        + String.join(", ", new TreeSet<>(sortable)) + ", each with a leading '-' for descending");
            }
            if (!seen.add(field)) {
                throw ProblemException.invalidField("sort", "'" + field + "' is named twice");
            }
            keys.add(new Key(field, descending));
        }
        return new SortOrder(List.copyOf(keys));
    }

    /**
     * The order as SQL ({@code lower(name), created_at DESC, id}), for lists read with hand-written SQL.
     *
     * @param columns each sortable field's SQL expression (from the code, never from the caller)
     * @param tieBreaker a unique column that ends the order
     */
    public String toSql(Map<String, String> columns, String tieBreaker) {
        List<String> terms = new ArrayList<>();
        for (Key key : keys) {
            // PostgreSQL's own null order (last ascending, first descending): it is what the indexes are built in,
            // so the lists' default orders keep using them.
            terms.add(columns.get(key.field()) + (key.descending() ? " DESC" : " ASC"));
        }
        terms.add(tieBreaker);
        return String.join(", ", terms);
    }

    /**
     * The order for a Panache query.
     *
     * @param properties each sortable field's entity property, where it differs from the field's name
     * @param tieBreaker a unique property that ends the order
     */
    public Sort toPanache(Map<String, String> properties, String tieBreaker) {
        Sort sort = null;
        for (Key key : keys) {
            String property = properties.getOrDefault(key.field(), key.field());
            Sort.Direction direction = key.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
            sort = sort == null ? Sort.by(property, direction) : sort.and(property, direction);
        }
        return sort == null ? Sort.by(tieBreaker) : sort.and(tieBreaker);
    }
}
