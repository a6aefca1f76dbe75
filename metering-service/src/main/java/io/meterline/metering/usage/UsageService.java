package io.meterline.metering.usage;

import java.time.Clock;
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

import io.meterline.metering.ingest.IngestConfig;
import io.meterline.metering.ingest.RawRetentionPolicy;
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

    @Inject
    IngestConfig ingest;

    @Inject
    Clock clock;

    /**
     * Bounds finer than whole hours are answered from the raw events; refused where those may be gone
     * ({@code meterline.ingest.raw-retention}), rather than answered short.
     */
    private void requireRawKept(boolean wholeHours, Instant from) {
        if (wholeHours || ingest.rawRetention().isEmpty()) {
            return;
        }
        Instant kept = RawRetentionPolicy.keptFrom(clock.instant(),
                ingest.rawRetention().get(), ingest.lateWindow());
        if (from.isBefore(kept)) {
            throw ProblemException.invalidField("from", "raw events before " + kept + " may no longer be kept "
                    + "(meterline.ingest.raw-retention " + ingest.rawRetention().get() + "); ask whole hours "
                    + "(from and to on the hour), which the hourly totals answer for any time");
        }
    }

    /** The meters an asset has usage of since {@code from}, by name: hand-written SQL on the hourly rollup. */
    public Uni<List<String>> metersOf(String asset, Instant from) {
        return pool.preparedQuery("SELECT DISTINCT meter FROM usage_rollup WHERE asset = $1 AND hour >= $2 "
                + "ORDER BY meter").execute(Tuple.of(asset, from.atOffset(ZoneOffset.UTC))).map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(r -> names.add(r.getString(0)));
                    return names;
                });
    }

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
        requireRawKept(wholeHours, q.from());
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

    /**
     * Period totals per meter, customer, asset (or asset group) and dimension set: what a billing run rates. One
     * statement over every meter, ordered and paged in the database (hand-written SQL: the billing run reads all of a
     * period's usage through it).
     */
    public Uni<io.meterline.platform.paging.Page<UsageTotal>> totals(UsageTotalsRequest request,
            io.meterline.platform.paging.PageRequest page) {
        List<Meter> selected = validate(request);
        if (selected.isEmpty()) {
            return Uni.createFrom().item(new io.meterline.platform.paging.Page<>(List.of(), page.page(), page.size(), 0));
        }
        boolean wholeHours = request.from().truncatedTo(ChronoUnit.HOURS).equals(request.from())
                && request.to().truncatedTo(ChronoUnit.HOURS).equals(request.to());
        requireRawKept(wholeHours, request.from());
        List<UsageTotalsRequest.AssetGroup> groups = request.assetGroups() == null ? List.of() : request.assetGroups();
        boolean byGroup = !groups.isEmpty();
        List<String> customers = new ArrayList<>();
        if (request.customer() != null) {
            customers.add(request.customer());
        }
        if (request.customers() != null) {
            customers.addAll(request.customers());
        }
        List<Object> params = new ArrayList<>(Arrays.asList(request.from().atOffset(ZoneOffset.UTC),
                request.to().atOffset(ZoneOffset.UTC), customers.isEmpty() ? null : customers.toArray(String[]::new)));
        if (byGroup) {
            List<String> groupMeters = new ArrayList<>();
            List<String> groupAssets = new ArrayList<>();
            List<String> groupNames = new ArrayList<>();
            for (UsageTotalsRequest.AssetGroup group : groups) {
                for (String asset : group.assets()) {
                    groupMeters.add(group.meter());
                    groupAssets.add(asset);
                    groupNames.add(group.group());
                }
            }
            params.add(groupMeters.toArray(String[]::new));
            params.add(groupAssets.toArray(String[]::new));
            params.add(groupNames.toArray(String[]::new));
        }
        params.add(page.size());
        params.add(page.offset());
        String sql = UsageSql.totals(selected, wholeHours, byGroup,
                !Boolean.FALSE.equals(request.groupByDimensions()));
        return pool.preparedQuery(sql).execute(Tuple.from(params)).chain(rows -> {
            List<UsageTotal> items = new ArrayList<>();
            long total = 0;
            for (Row row : rows) {
                total = row.getLong("total");
                String groupOrAsset = row.getString("g_asset");
                items.add(new UsageTotal(row.getString("meter"), row.getString("g_customer"),
                        byGroup ? null : groupOrAsset, byGroup ? groupOrAsset : null,
                        parseDimensions(row.getString("g_dims")), Decimals.stored(decimal(row))));
            }
            if (!items.isEmpty() || page.offset() == 0) {
                return Uni.createFrom().item(new io.meterline.platform.paging.Page<>(items, page.page(), page.size(),
                        total));
            }
            // Past the last page: the window count had no row to ride on, so count on its own.
            params.set(params.size() - 2, Integer.MAX_VALUE);
            params.set(params.size() - 1, 0L);
            return pool.preparedQuery("SELECT count(*) FROM (" + sql + ") c").execute(Tuple.from(params))
                    .map(count -> new io.meterline.platform.paging.Page<>(items, page.page(), page.size(),
                            count.iterator().next().getLong(0)));
        });
    }

    private List<Meter> validate(UsageTotalsRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.from() == null || request.to() == null || !request.from().isBefore(request.to())) {
            errors.add(new Problem.FieldError("to", "from and to are required, with from before to"));
        } else if (Duration.between(request.from(), request.to()).compareTo(MAX_RANGE) > 0) {
            errors.add(new Problem.FieldError("to", "a query covers at most " + MAX_RANGE.toDays() + " days"));
        }
        List<String> names = request.meters() == null || request.meters().isEmpty()
                ? meters.all().stream().map(Meter::apiName).sorted().toList() : request.meters();
        List<Meter> selected = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Meter meter = names.get(i) == null ? null : meters.find(names.get(i));
            if (meter == null) {
                errors.add(new Problem.FieldError("meters[" + i + "]", "no meter " + names.get(i)));
            } else {
                selected.add(meter);
            }
        }
        List<String> customers = request.customers() == null ? List.of() : request.customers();
        if (customers.size() > UsageTotalsRequest.MAX_CUSTOMERS) {
            errors.add(new Problem.FieldError("customers", "at most " + UsageTotalsRequest.MAX_CUSTOMERS));
        }
        for (int i = 0; i < customers.size(); i++) {
            if (customers.get(i) == null || customers.get(i).isBlank()) {
                errors.add(new Problem.FieldError("customers[" + i + "]", "must be a customer id"));
            }
        }
        List<UsageTotalsRequest.AssetGroup> groups = request.assetGroups() == null ? List.of() : request.assetGroups();
        int grouped = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            UsageTotalsRequest.AssetGroup group = groups.get(i);
            String at = "assetGroups[" + i + "]";
            if (group == null || group.meter() == null || meters.find(group.meter()) == null) {
                errors.add(new Problem.FieldError(at + ".meter", "must name a meter"));
                continue;
            }
            if (group.group() == null || group.group().isBlank()) {
                errors.add(new Problem.FieldError(at + ".group", "is required"));
            }
            List<String> assets = group.assets() == null ? List.of() : group.assets();
            for (int j = 0; j < assets.size(); j++) {
                if (assets.get(j) == null || !seen.add(group.meter() + "\u0000" + assets.get(j))) {
                    errors.add(new Problem.FieldError(at + ".assets[" + j + "]",
                            "must be an asset id in no other group of the meter"));
                }
            }
            grouped += assets.size();
        }
        if (grouped > UsageTotalsRequest.MAX_GROUPED_ASSETS) {
            errors.add(new Problem.FieldError("assetGroups", "at most " + UsageTotalsRequest.MAX_GROUPED_ASSETS
                    + " assets in all"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The totals request", errors);
        }
        return selected;
    }

    private static java.math.BigDecimal decimal(Row row) {
        Object value = row.getValue("value");
        return value == null ? null
                : value instanceof Number n && !(value instanceof java.math.BigDecimal)
                        ? new java.math.BigDecimal(n.toString()) : row.getBigDecimal("value");
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
