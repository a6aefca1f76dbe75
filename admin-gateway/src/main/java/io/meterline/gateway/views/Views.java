package io.meterline.gateway.views;

import static io.meterline.gateway.routing.OwningService.BILLING;
import static io.meterline.gateway.routing.OwningService.METERING;
import static io.meterline.gateway.routing.OwningService.PRICING;
import static io.meterline.gateway.routing.OwningService.PROJECTION;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.meterline.platform.problem.ProblemException;

/**
 * What each aggregated screen reads, and from which service. Pure: the console's screens in product.md, as lists of
 * panels.
 */
public final class Views {

    static final Set<String> OVER_UNDER_STATUSES = Set.of("all", "over", "under", "mixed");

    private Views() {
    }

    /**
     * The dashboard: projections' figures and revenue by month, new assets, the last billing run, each service's
     * health.
     */
    public static List<PanelSource> dashboard() {
        return List.of(PanelSource.api("summary", PROJECTION, "/api/v1/analytics/dashboard"),
                PanelSource.api("revenueTrend", PROJECTION, "/api/v1/analytics/margin/trend?months=12"),
                PanelSource.api("newAssets", METERING, "/api/v1/assets?new=true&size=5"),
                PanelSource.api("lastBillingRun", BILLING, "/api/v1/billing-runs?size=1"),
                PanelSource.readiness("meteringHealth", METERING), PanelSource.readiness("pricingHealth", PRICING),
                PanelSource.readiness("billingHealth", BILLING),
                PanelSource.readiness("projectionHealth", PROJECTION));
    }

    /** Every service's readiness (database, Kafka) and the last billing run. */
    public static List<PanelSource> health() {
        return List.of(PanelSource.readiness("meteringHealth", METERING),
                PanelSource.readiness("pricingHealth", PRICING), PanelSource.readiness("billingHealth", BILLING),
                PanelSource.readiness("projectionHealth", PROJECTION),
                PanelSource.api("lastBillingRun", BILLING, "/api/v1/billing-runs?size=1"));
    }

    /**
     * A client's page: the client, its buckets and their projections, invoices and billing readings, margin trend
     * and alerts.
     */
    public static List<PanelSource> client(UUID client) {
        String id = client.toString();
        return List.of(PanelSource.api("client", BILLING, "/api/v1/clients/" + id),
                PanelSource.api("buckets", BILLING, "/api/v1/buckets?client=" + id + "&size=500"),
                PanelSource.api("projections", PROJECTION, "/api/v1/projections?client=" + id + "&size=500"),
                PanelSource.api("invoices", BILLING, "/api/v1/invoices?client=" + id + "&size=24"),
                // The billing history chart: each period's billed, overage and buffer amounts, newest first.
                PanelSource.api("readings", BILLING, "/api/v1/billing-readings?client=" + id + "&size=500"),
                PanelSource.api("marginTrend", PROJECTION, "/api/v1/analytics/margin/trend?months=12&client=" + id),
                PanelSource.api("alerts", PROJECTION, "/api/v1/alerts?client=" + id + "&size=50"));
    }

    /**
     * The margin screen over {@code [from, to)}: margin by client and by meter, the unit economics, the 12-month
     * trend, and the revenue at risk from assets no client is billed for.
     */
    public static List<PanelSource> margin(Range range) {
        String window = "from=" + encode(range.from().toString()) + "&to=" + encode(range.to().toString());
        return List.of(
                PanelSource.api("byClient", PROJECTION, "/api/v1/analytics/margin?groupBy=client&size=50&" + window),
                PanelSource.api("byMeter", PROJECTION, "/api/v1/analytics/margin?groupBy=meter&size=50&" + window),
                PanelSource.api("unitEconomics", PROJECTION,
                        "/api/v1/analytics/unit-economics?groupBy=client&size=50&" + window),
                PanelSource.api("trend", PROJECTION, "/api/v1/analytics/margin/trend?months=12"),
                PanelSource.api("unassignedAssets", METERING, "/api/v1/assets?unassigned=true&size=5"));
    }

    /** Over/under: the analysis from projections, and the unit types it names. */
    public static List<PanelSource> overUnder(String status) {
        String filter = status == null ? "all" : status.toLowerCase(Locale.ROOT);
        if (!OVER_UNDER_STATUSES.contains(filter)) {
            throw ProblemException.invalidField("status", "must be all, over, under or mixed");
        }
        return List.of(PanelSource.api("overUnder", PROJECTION, "/api/v1/analytics/over-under?status=" + filter),
                PanelSource.api("unitTypes", PRICING, "/api/v1/unit-types?size=500"));
    }

    /** A window of whole instants; by default the last three months to the end of this one, in UTC. */
    public record Range(Instant from, Instant to) {

        public static Range of(String from, String to, Instant now) {
            YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
            Instant start = from == null ? month.minusMonths(2).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : instant("from", from);
            Instant end = to == null ? month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : instant("to", to);
            if (!start.isBefore(end)) {
                throw ProblemException.invalidField("to", "must be after from");
            }
            return new Range(start, end);
        }

        private static Instant instant(String field, String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidField(field, "must be an instant such as 2026-09-01T00:00:00Z");
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
