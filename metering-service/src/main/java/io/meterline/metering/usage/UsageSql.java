package io.meterline.metering.usage;

import java.util.ArrayList;
import java.util.List;

import io.meterline.metering.meters.Aggregation;
import io.meterline.metering.meters.Meter;

/**
 * Builds the SQL of a usage query. Over whole hours it reads the hourly rollups; otherwise the raw events, so that
 * every window is exact. Either way a customer's usage is its own events plus those of the assets assigned to it,
 * and disregarded assets are left out unless asked for. Pure: no database here.
 */
final class UsageSql {

    /** Where the numbers come from. */
    enum Source {
        ROLLUP, UNIQUE_ROLLUP, RAW
    }

    private UsageSql() {
    }

    static Source source(Aggregation aggregation, boolean wholeHours) {
        if (!wholeHours) {
            return Source.RAW;
        }
        return aggregation == Aggregation.UNIQUE_COUNT ? Source.UNIQUE_ROLLUP : Source.ROLLUP;
    }

    /**
     * @param groupBy customer, asset, and dimension keys (validated by the caller)
     * @param filterKeys dimension keys to filter on; each gets a text[] parameter, in order
     */
    static String build(Source source, Aggregation aggregation, String uniqueBy, String granularity,
            List<String> groupBy, List<String> filterKeys, boolean hasCustomer, boolean hasAsset,
            boolean includeDisregarded) {
        Columns c = Columns.of(source);
        String from = c.from();
        String time = c.time();
        String customer = c.customer();
        String asset = c.asset();
        String dims = c.dims();
        String window = switch (granularity == null ? "" : granularity) {
            case "HOUR" -> "date_trunc('hour', " + time + ", 'UTC')";
            case "DAY" -> "date_trunc('day', " + time + ", 'UTC')";
            case "MONTH" -> "date_trunc('month', " + time + ", 'UTC')";
            default -> "NULL::timestamptz";
        };
        List<String> columns = new ArrayList<>();
        columns.add(window + " AS window_start");
        for (String key : groupBy) {
            switch (key) {
                case "customer" -> columns.add(customer + " AS g_customer");
                case "asset" -> columns.add(asset + " AS g_asset");
                case ALL_DIMENSIONS -> columns.add("r.dims_key AS g_dims"); // every source keeps the canonical set
                default -> columns.add(dims + " ->> " + literal(key) + " AS " + dimensionColumn(groupBy.indexOf(key)));
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", columns)).append(", ")
                .append(value(source, aggregation, uniqueBy)).append(" AS value FROM ").append(from)
                .append(" WHERE r.meter = $1 AND ").append(time).append(" >= $2 AND ").append(time).append(" < $3");
        int next = 4;
        if (!includeDisregarded) {
            sql.append(" AND a.disregarded IS NOT TRUE");
        }
        if (hasCustomer) {
            sql.append(" AND ").append(customer).append(" = $").append(next++);
        }
        if (hasAsset) {
            sql.append(" AND ").append(asset).append(" = $").append(next++);
        }
        for (String key : filterKeys) {
            sql.append(" AND ").append(dims).append(" ->> ").append(literal(key)).append(" = ANY ($").append(next++)
                    .append(")");
        }
        int groups = columns.size();
        StringBuilder positions = new StringBuilder();
        for (int i = 1; i <= groups; i++) {
            positions.append(i == 1 ? "" : ", ").append(i);
        }
        sql.append(" GROUP BY ").append(positions).append(" ORDER BY ").append(positions);
        return sql.toString();
    }

    /** Where a source keeps each column a query reads. */
    private record Columns(String from, String time, String customer, String asset, String dims) {

        static Columns of(Source source) {
            return switch (source) {
                case ROLLUP -> new Columns("usage_rollup r LEFT JOIN asset a ON a.id = r.asset", "r.hour",
                        "coalesce(r.customer, a.client)", "r.asset", "r.dimensions");
                case UNIQUE_ROLLUP -> new Columns(
                        "usage_rollup_unique r LEFT JOIN asset a ON a.id = nullif(r.asset_key, '')", "r.hour",
                        "coalesce(nullif(r.customer_key, ''), a.client)", "nullif(r.asset_key, '')",
                        "r.dims_key::jsonb");
                // raw events keep their dimensions once, as canonical JSON text
                case RAW -> new Columns("meter_event r LEFT JOIN asset a ON a.id = r.asset", "r.event_time",
                        "coalesce(r.customer, a.client)", "r.asset", "r.dims_key::jsonb");
            };
        }
    }

    /**
     * Period totals of several meters in one statement, per meter, customer, asset (or asset group) and dimension
     * set, ordered and paged in the database. Parameters: $1 from, $2 to, $3 the customers (text[], null for all),
     * $4 $5 $6 the asset groups as parallel arrays of meter, asset and group (when {@code byGroup}), then the limit and
     * the offset. Without {@code byDimensions}, each total covers every dimension set. Every row carries the number of rows on all pages as {@code total}.
     */
    static String totals(List<Meter> meters, boolean wholeHours, boolean byGroup, boolean byDimensions) {
        List<String> parts = new ArrayList<>();
        for (Meter meter : meters) {
            Source source = source(meter.aggregation(), wholeHours);
            Columns c = Columns.of(source);
            String group = byGroup ? "g.group_key" : c.asset();
            String join = byGroup ? " LEFT JOIN unnest($4::text[], $5::text[], $6::text[]) AS g(meter, asset_id, "
                    + "group_key) ON g.meter = r.meter AND g.asset_id = " + c.asset() : "";
            parts.add("SELECT " + literal(meter.apiName()) + " AS meter, " + c.customer() + " AS g_customer, " + group
                    + " AS g_asset, " + (byDimensions ? "r.dims_key" : "'{}'::text") + " AS g_dims, " + value(source, meter.aggregation(), meter.uniqueBy())
                    + " AS value FROM " + c.from() + join + " WHERE r.meter = " + literal(meter.apiName()) + " AND "
                    + c.time() + " >= $1 AND " + c.time() + " < $2 AND a.disregarded IS NOT TRUE AND ($3::text[] IS "
                    + "NULL OR " + c.customer() + " = ANY ($3::text[])) GROUP BY 2, 3" + (byDimensions ? ", 4" : ""));
        }
        int limit = byGroup ? 7 : 4;
        return "SELECT t.*, count(*) OVER () AS total FROM (" + String.join(" UNION ALL ", parts) + ") t ORDER BY "
                + "meter, g_customer NULLS FIRST, g_asset NULLS FIRST, g_dims LIMIT $" + limit + " OFFSET $"
                + (limit + 1);
    }

    /** A groupBy entry meaning "the whole set of dimensions", for period totals. */
    static final String ALL_DIMENSIONS = "*";

    static String dimensionColumn(int index) {
        return "g_dim_" + index;
    }

    private static String value(Source source, Aggregation aggregation, String uniqueBy) {
        if (source == Source.RAW) {
            return switch (aggregation) {
                case SUM -> "sum(r.value)";
                case COUNT -> "count(*)";
                case MAX -> "max(r.value)";
                case MIN -> "min(r.value)";
                case AVG -> "round(sum(r.value) / count(*), 9)";
                case LATEST -> "(array_agg(r.value ORDER BY r.event_time DESC, r.event_id COLLATE \"C\" DESC))[1]";
                case UNIQUE_COUNT -> "count(DISTINCT r.dims_key::jsonb ->> " + literal(uniqueBy) + ")";
            };
        }
        return switch (aggregation) {
            case SUM -> "sum(r.value_sum)";
            case COUNT -> "sum(r.event_count)";
            case MAX -> "max(r.value_max)";
            case MIN -> "min(r.value_min)";
            case AVG -> "round(sum(r.value_sum) / sum(r.event_count), 9)";
            case LATEST -> "(array_agg(r.latest_value ORDER BY r.latest_time DESC, r.latest_event_id COLLATE \"C\" DESC))[1]";
            case UNIQUE_COUNT -> "count(DISTINCT r.unique_value)";
        };
    }

    /** A SQL string literal for a dimension key; keys are validated to [A-Za-z0-9_.-], this is belt and braces. */
    private static String literal(String key) {
        return "'" + key.replace("'", "''") + "'";
    }
}
