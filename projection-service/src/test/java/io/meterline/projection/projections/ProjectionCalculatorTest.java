package io.meterline.projection.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.contracts.billing.SubscriptionChanged;
import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.PriceSpec;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.projection.forecast.Forecaster;
import io.meterline.projection.forecast.HourlyUsage;
import io.meterline.rating.periods.BillingCycle;
import io.meterline.rating.periods.BillingPeriod;
import io.meterline.rating.periods.BillingPeriods;

/** The projection of one client's period, computed without I/O. */
class ProjectionCalculatorTest {

    static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-16T00:00:00Z"); // half of November
    static final ClientChanged CLIENT = new ClientChanged(2, UUID.randomUUID(), 1, "acme", "Acme", "USD", "UTC",
            true, YEAR, null, BillingCycle.CALENDAR_MONTH);
    static final UnitTypeChanged VCPU = new UnitTypeChanged(1, UUID.randomUUID(), 1, "vcpu-hour", null,
            "vcpu_hours", "SUM", false, "USD", null, null, null, null, null, false);
    static final BucketChanged BUCKET = new BucketChanged(1, UUID.randomUUID(), 1, CLIENT.id(), "acme", VCPU.id(),
            "vcpu_hours", "Cluster", "k8s", new BigDecimal("720"), new BigDecimal("300.00"), new BigDecimal("0.45"),
            "USD", YEAR, null, false, true, List.of());
    static final BillingPeriod NOVEMBER = new BillingPeriods(ZoneOffset.UTC, BillingCycle.CALENDAR_MONTH,
            YEAR, null).containing(NOW).orElseThrow();

    @Test
    void constantUsageProjectsExactlyAndIsCostedAndBilledAsBillingWould() {
        // 1 unit an hour for 8 weeks: 360 so far in November, 720 at its end, right at the commit.
        List<HourlyUsage> history = new ArrayList<>();
        for (Instant h = NOW.minus(56, ChronoUnit.DAYS); h.isBefore(NOW); h = h.plus(1, ChronoUnit.HOURS)) {
            history.add(new HourlyUsage(h, BigDecimal.ONE));
        }
        ClientProjection p = ProjectionCalculator.project(terms(List.of(BUCKET), List.of()), catalog(), NOVEMBER, NOW,
                List.of(new UsageRow("vcpu_hours", "node-1", Map.of(), new BigDecimal("360"), 360, BigDecimal.ONE)),
                Map.of("vcpu_hours", Forecaster.fit(history, ZoneOffset.UTC, NOW, NOVEMBER.end())));
        ProjectionLine line = p.lines().get(0);
        assertThat(line.currentUsage()).isEqualByComparingTo("360");
        assertThat(line.projectedUsage()).isEqualByComparingTo("720");
        assertThat(line.projectedLow()).isEqualByComparingTo("720");
        assertThat(line.projectedHigh()).isEqualByComparingTo("720");
        assertThat(line.percentOfCommit()).isEqualByComparingTo("100");
        assertThat(line.projectedCost()).isEqualByComparingTo("300.00");
        assertThat(line.currentCost()).isEqualByComparingTo("72.00"); // 360 × 0.20
        assertThat(line.projectedMeteredCost()).isEqualByComparingTo("144.00");
        assertThat(line.projectedBuffer()).isEqualByComparingTo("0.00");
        assertThat(p.projectedRevenue()).isEqualByComparingTo("300.00");
        assertThat(p.projectedCost()).isEqualByComparingTo("144.00");
    }

    @Test
    void aPlanChargeIsProjectedPerDimensionSetWithTheMixSoFar() {
        ChargeSpec tokens = new ChargeSpec("tokens", "llm_tokens", "Tokens", new PriceSpec("PER_UNIT", null,
                new BigDecimal("0.01"), null, null, null, null, null, null, null, null), null);
        PlanVersionPublished plan = new PlanVersionPublished(1, UUID.randomUUID(), "PRICE", "AI", "USD", null, 1,
                YEAR, YEAR, "test", List.of(tokens));
        SubscriptionChanged sub = new SubscriptionChanged(1, UUID.randomUUID(), 1, CLIENT.id(), "acme",
                plan.planId(), YEAR, null, false);
        List<UsageRow> soFar = List.of(
                new UsageRow("llm_tokens", "", Map.of("model", "big"), new BigDecimal("3000"), 3, BigDecimal.TEN),
                new UsageRow("llm_tokens", "", Map.of("model", "small"), new BigDecimal("1000"), 1, BigDecimal.TEN));
        List<HourlyUsage> history = new ArrayList<>();
        for (Instant h = NOVEMBER.start(); h.isBefore(NOW); h = h.plus(1, ChronoUnit.HOURS)) {
            history.add(new HourlyUsage(h, new BigDecimal("4000").divide(new BigDecimal("360"),
                    java.math.MathContext.DECIMAL64)));
        }
        ClientProjection p = ProjectionCalculator.project(terms(List.of(), List.of(sub)),
                new PublishedCatalog(List.of(plan), List.<DiscountChanged> of()), NOVEMBER, NOW, soFar,
                Map.of("llm_tokens", Forecaster.fit(history, ZoneOffset.UTC, NOW, NOVEMBER.end())));
        assertThat(p.lines()).hasSize(1); // one charge, default price: one rated group
        ProjectionLine line = p.lines().get(0);
        assertThat(line.chargeKey()).isEqualTo("tokens");
        assertThat(line.currentUsage()).isEqualByComparingTo("4000");
        assertThat(line.projectedUsage()).isCloseTo(new BigDecimal("8000"), org.assertj.core.data.Offset.offset(
                new BigDecimal("0.0001")));
        assertThat(line.currentRevenue()).isEqualByComparingTo("40.00");
        assertThat(line.projectedCost()).isEqualByComparingTo("80.00");
    }

    @Test
    void nothingSoFarWithNoHistoryProjectsNothing() {
        ClientProjection p = ProjectionCalculator.project(terms(List.of(BUCKET), List.of()), catalog(), NOVEMBER, NOW,
                List.of(), Map.of());
        assertThat(p.lines()).singleElement().satisfies(l -> {
            assertThat(l.projectedUsage()).isEqualByComparingTo("0");
            assertThat(l.projectedCost()).isEqualByComparingTo("300.00"); // the base is owed regardless
            assertThat(l.projectedBuffer()).isEqualByComparingTo("300.00");
        });
    }

    static ClientTerms terms(List<BucketChanged> buckets, List<SubscriptionChanged> subs) {
        return new ClientTerms(CLIENT, buckets, subs, Map.of(VCPU.id(), VCPU));
    }

    static PublishedCatalog catalog() {
        ChargeSpec cost = new ChargeSpec("vcpu_hours", "vcpu_hours", "vCPU", new PriceSpec("PER_UNIT", null,
                new BigDecimal("0.20"), null, null, null, null, null, null, null, null), null);
        return new PublishedCatalog(List.of(new PlanVersionPublished(1, UUID.randomUUID(), "COST", "Cloud", "USD",
                "acme", 1, YEAR, YEAR, "test", List.of(cost))), List.of());
    }
}
