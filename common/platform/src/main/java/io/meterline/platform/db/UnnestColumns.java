package io.meterline.platform.db;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Parallel arrays, one per column, for a set-based {@code INSERT ... SELECT * FROM unnest($1::type[], ...)}: one
 * statement for many rows, where a batch of single-row statements costs a round of parsing and planning per row.
 * Every value travels as text and the SQL casts each array to its column's type; decimals are written plain (never
 * in exponent form).
 */
public final class UnnestColumns {

    private final List<List<String>> columns = new ArrayList<>();

    public UnnestColumns(int count) {
        for (int i = 0; i < count; i++) {
            columns.add(new ArrayList<>());
        }
    }

    /** One row: a value per column, in order. */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("A row needs " + columns.size() + " values, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            columns.get(i).add(v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
        }
    }

    public boolean isEmpty() {
        return columns.get(0).isEmpty();
    }

    /** The arrays, as the statement's parameters $1, $2, ... */
    public Tuple tuple() {
        return appendTo(Tuple.tuple());
    }

    /** The arrays added after the parameters already in {@code tuple} (a statement fed by several row sets). */
    public Tuple appendTo(Tuple tuple) {
        for (List<String> column : columns) {
            tuple.addValue(column.toArray(String[]::new));
        }
        return tuple;
    }
}
