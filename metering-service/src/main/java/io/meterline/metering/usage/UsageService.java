package io.meterline.metering.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.metering.meters.Meter;
import io.meterline.metering.meters.MeterCatalog;
import io.meterline.platform.db.Decimals;
import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Answers usage explorer queries with each meter's aggregation applied exactly. */
@ApplicationScoped
public class UsageService {

    static final Duration MAX_RANGE = Duration.ofDays(1100);
    static final Duration MAX_HOURLY_RANGE = Duration.ofDays(93);

    @Inject
    Pool pool;

    @Inject
    MeterCatalog meters;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * @param customerScope the only customer the caller may see (a read key's scope), or null
     */
    public Uni<List<UsageRow>> query(UsageQuery q, String customerScope) {
        Meter meter = validate(q);
        String customer = q.customer();
        if (customerScope != null) {
            if (customer != null && !customer.equals(customerScope)) {
                throw ProblemException.notFound("No usage of customer " + customer + " is visible to this key.");
            }
            customer = customerScope;
        }
        List<String> groupBy = q.groupBy() == null ? List.of() : q.groupBy();
        Map<String, Object> filters = q.filters() == null ? Map.of() : q.filters();
        List<String> filterKeys = new ArrayList<>(filters.keySet());
        boolean wholeHours = q.from().truncatedTo(ChronoUnit.HOURS).equals(q.from())
                && q.to().truncatedTo(ChronoUnit.HOURS).equals(q.to());
        UsageSql.Source source = UsageSql.source(meter.aggregation(), wholeHours);
        String sql = UsageSql.build(source, meter.aggregation(), meter.uniqueBy(), q.granularity(), groupBy, filterKeys,
                customer != null, q.asset() != null, Boolean.TRUE.equals(q.includeDisregarded()));
        List<Object> params = new ArrayList<>(Arrays.asList(meter.apiName(), q.from().atOffset(ZoneOffset.UTC),
                q.to().atOffset(ZoneOffset.UTC)));
        if (customer != null) {
            params.add(customer);
        }
        if (q.asset() != null) {
            params.add(q.asset());
        }
        for (String key : filterKeys) {
            params.add(values(filters.get(key)));
        }
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<UsageRow> result = new ArrayList<>();
            for (Row row : rows) {
                result.add(read(row, q, groupBy));
            }
            return result;
        });
    }

    private UsageRow read(Row row, UsageQuery q, List<String> groupBy) {
        Instant start = row.getOffsetDateTime("window_start") == null ? q.from()
                : row.getOffsetDateTime("window_start").toInstant();
        Instant end = switch (q.granularity() == null ? "" : q.granularity()) {
            case "HOUR" -> start.plus(1, ChronoUnit.HOURS);
            case "DAY" -> start.plus(1, ChronoUnit.DAYS);
            case "MONTH" -> start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
            default -> q.to();
        };
        // Windows at the query's edges are clipped to it: the value covers only [from, to).
        start = start.isBefore(q.from()) ? q.from() : start;
        end = end.isAfter(q.to()) ? q.to() : end;
        Map<String, String> dims = new LinkedHashMap<>();
        String customer = null;
        String asset = null;
        for (int i = 0; i < groupBy.size(); i++) {
            switch (groupBy.get(i)) {
                case "customer" -> customer = row.getString("g_customer");
                case "asset" -> asset = row.getString("g_asset");
                case UsageSql.ALL_DIMENSIONS -> dims.putAll(parseDimensions(row.getString("g_dims")));
                default -> dims.put(groupBy.get(i), row.getString(UsageSql.dimensionColumn(i)));
            }
        }
        Object value = row.getValue("value");
        java.math.BigDecimal decimal = value == null ? null
                : value instanceof Number n ? new java.math.BigDecimal(n.toString())
                        : row.getBigDecimal("value");
        return new UsageRow(start, end, customer, asset, dims.isEmpty() ? null : dims, Decimals.stored(decimal));
    }

    /** Period totals per meter, customer, asset and dimension set: what a billing run rates. */
    public Uni<io.meterline.platform.paging.Page<UsageTotal>> totals(UsageTotalsRequest request,
            io.meterline.platform.paging.PageRequest page) {
        List<String> names = request.meters() == null || request.meters().isEmpty()
                ? meters.all().stream().map(Meter::apiName).sorted().toList() : request.meters();
        for (int i = 0; i < names.size(); i++) {
            if (meters.find(names.get(i)) == null) {
                throw ProblemException.invalidField("meters[" + i + "]", "no meter " + names.get(i));
            }
        }
        return io.smallrye.mutiny.Multi.createFrom().iterable(names).onItem().transformToUniAndConcatenate(name ->
                query(new UsageQuery(name, request.from(), request.to(), request.customer(), null,
                        List.of("customer", "asset", UsageSql.ALL_DIMENSIONS), null, null, false), null)
                        .map(rows -> rows.stream().map(r -> new UsageTotal(name, r.customer(), r.asset(),
                                r.dimensions() == null ? Map.of() : r.dimensions(), r.value())).toList()))
                .collect().asList().map(lists -> {
                    List<UsageTotal> all = lists.stream().flatMap(List::stream).toList();
                    int from = (int) Math.min(all.size(), page.offset());
                    int to = Math.min(all.size(), from + page.size());
                    return new io.meterline.platform.paging.Page<>(all.subList(from, to), page.page(), page.size(),
                            all.size());
                });
    }

    private Map<String, String> parseDimensions(String text) {
        Map<String, String> dims = new java.util.TreeMap<>();
        if (text == null || text.length() <= 2) {
            return dims;
        }
        try {
            json.readTree(text).fields()
                    .forEachRemaining(e -> dims.put(e.getKey(), e.getValue().asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return dims;
    }

    private Meter validate(UsageQuery q) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Meter meter = q.meter() == null ? null : meters.find(q.meter());
        if (meter == null) {
            errors.add(new Problem.FieldError("meter", q.meter() == null ? "is required" : "no meter " + q.meter()));
        }
        if (q.from() == null || q.to() == null || !q.from().isBefore(q.to())) {
            errors.add(new Problem.FieldError("to", "from and to are required, with from before to"));
        } else if (Duration.between(q.from(), q.to()).compareTo(MAX_RANGE) > 0) {
            errors.add(new Problem.FieldError("to", "a query covers at most " + MAX_RANGE.toDays() + " days"));
        } else if ("HOUR".equals(q.granularity())
                && Duration.between(q.from(), q.to()).compareTo(MAX_HOURLY_RANGE) > 0) {
            errors.add(new Problem.FieldError("granularity", "HOUR covers at most " + MAX_HOURLY_RANGE.toDays()
                    + " days; use DAY or MONTH"));
        }
        if (q.granularity() != null && !List.of("HOUR", "DAY", "MONTH").contains(q.granularity())) {
            errors.add(new Problem.FieldError("granularity", "must be HOUR, DAY or MONTH, or absent for totals"));
        }
        List<String> groupBy = q.groupBy() == null ? List.of() : q.groupBy();
        for (int i = 0; i < groupBy.size(); i++) {
            String key = groupBy.get(i);
            if (key == null || (!key.equals("customer") && !key.equals("asset") && !key.equals(UsageSql.ALL_DIMENSIONS)
                    && (meter == null || !meter.declares(key)))) {
                errors.add(new Problem.FieldError("groupBy[" + i + "]",
                        "must be customer, asset or a dimension the meter declares"));
            } else if (groupBy.indexOf(key) != i) {
                errors.add(new Problem.FieldError("groupBy[" + i + "]", "repeats " + key));
            }
        }
        if (q.filters() != null) {
            q.filters().forEach((key, value) -> {
                if (meter != null && !meter.declares(key)) {
                    errors.add(new Problem.FieldError("filters." + key, "is not a dimension of the meter"));
                } else if (values(value) == null) {
                    errors.add(new Problem.FieldError("filters." + key, "must be a string or a list of strings"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The usage query", errors);
        }
        return meter;
    }

    private static String[] values(Object value) {
        if (value instanceof String s) {
            return new String[] { s };
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof String)) {
            return list.toArray(String[]::new);
        }
        return null;
    }
}
