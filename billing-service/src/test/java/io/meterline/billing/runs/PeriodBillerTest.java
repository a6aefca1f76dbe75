package io.meterline.billing.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.DimensionPriceSpec;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PriceSpec;
import io.meterline.contracts.catalog.RatablePlan;
import io.meterline.contracts.catalog.TierSpec;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.UsageQuantity;
import io.meterline.rating.invoicing.BucketTerms;
import io.meterline.rating.invoicing.InvoiceLine;
import io.meterline.rating.invoicing.PeriodBill;
import io.meterline.rating.invoicing.PeriodBiller;
import io.meterline.rating.invoicing.PeriodInputs;
import io.meterline.rating.invoicing.PlanTerms;
import io.meterline.rating.invoicing.Reading;
import io.meterline.rating.periods.BillingCycle;
import io.meterline.rating.periods.BillingPeriod;
import io.meterline.rating.periods.BillingPeriods;

/** Exact invoice lines for the cases billing's story tests tell end to end. */
class PeriodBillerTest {

    static final RatingCurrency USD = RatingCurrency.of("USD");
    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final BillingPeriod JANUARY = new BillingPeriods(ZoneOffset.UTC, BillingCycle.CALENDAR_MONTH, JAN, null)
            .first();

    static BucketTerms bucket(String commit, String base, String overage, Instant startsAt, String usage) {
        return new BucketTerms(UUID.randomUUID(), "Cluster", UUID.randomUUID(), "vcpu-hour", "k8s", "vcpu_hours",
                new BigDecimal(commit), new BigDecimal(base), new BigDecimal(overage), startsAt, null,
                new BigDecimal(usage), List.of(new UsageQuantity("vcpu_hours", Map.of(), new BigDecimal(usage))));
    }

    static PeriodInputs inputs(List<BucketTerms> buckets, List<PlanTerms> plans, List<UsageQuantity> usage) {
        return new PeriodInputs(USD, JANUARY, buckets, plans, List.of(), usage, List.of(), null);
    }

    static List<String> lines(PeriodBill bill) {
        return bill.lines().stream().map(l -> l.kind() + " " + l.amount().toPlainString()).toList();
    }

    @Test
    void overCommitBillsTheBaseAndTheOverage() {
        PeriodBill bill = PeriodBiller.bill(inputs(List.of(bucket("720", "300.00", "0.45", JAN, "800")), List.of(),
                List.of()));
        assertThat(lines(bill)).containsExactly("BASE 300.00", "OVERAGE 36.00");
        assertThat(bill.total()).isEqualByComparingTo("336.00");
        Reading reading = bill.readings().get(0);
        assertThat(reading.overageUnits()).isEqualByComparingTo("80");
        assertThat(reading.bufferUnits()).isEqualByComparingTo("0");
        assertThat(reading.billedAmount()).isEqualByComparingTo("336.00");
    }

    @Test
    void underCommitBillsTheBaseAndReportsTheBuffer() {
        PeriodBill bill = PeriodBiller.bill(inputs(List.of(bucket("720", "300.00", "0.45", JAN, "540")), List.of(),
                List.of()));
        assertThat(lines(bill)).containsExactly("BASE 300.00");
        Reading reading = bill.readings().get(0);
        assertThat(reading.bufferUnits()).isEqualByComparingTo("180");
        assertThat(reading.bufferAmount()).isEqualByComparingTo("75.00");
        assertThat(reading.overageAmount()).isEqualByComparingTo("0");
    }

    @Test
    void aBucketAddedMidPeriodHasItsBaseAndCommitProrated() {
        // Active 16 of January's 31 days: commit 620 → 320, base 310.00 → 160.00; 400 used, 80 above.
        PeriodBill bill = PeriodBiller.bill(inputs(List.of(bucket("620", "310.00", "0.50",
                Instant.parse("2026-01-16T00:00:00Z"), "400")), List.of(), List.of()));
        assertThat(lines(bill)).containsExactly("BASE 160.00", "OVERAGE 40.00");
        assertThat(bill.lines().get(0).description()).contains("commit of 320", "prorated 51.61%");
        assertThat(bill.readings().get(0).commitUnits()).isEqualByComparingTo("320");
        assertThat(bill.total()).isEqualByComparingTo("200.00");
    }

    @Test
    void aGraduatedPlanPricedByDimensionWithAClientDiscount() {
        PriceSpec graduated = new PriceSpec("GRADUATED", null, null, null, null, List.of(
                new TierSpec(new BigDecimal("1000"), new BigDecimal("0.10"), null),
                new TierSpec(null, new BigDecimal("0.05"), null)), null, null, null, null, null);
        PriceSpec perUnit = new PriceSpec("PER_UNIT", null, new BigDecimal("0.01"), null, null, null, null, null,
                null, null, null);
        ChargeSpec tokens = new ChargeSpec("tokens", "llm_tokens", "LLM tokens", perUnit,
                List.of(new DimensionPriceSpec(Map.of("model", "gpt-4o"), graduated)));
        DiscountChanged tenPercent = new DiscountChanged(1, UUID.randomUUID(), 1, "Negotiated 10%", "PERCENT",
                BigDecimal.TEN, null, "CLIENT", null, null, "acme", null, null, false);
        PlanTerms plan = terms("AI platform", RatablePlan.of("USD", List.of(tokens), List.of(tenPercent)), false);
        PeriodBill bill = PeriodBiller.bill(inputs(List.of(), List.of(plan), List.of(
                new UsageQuantity("llm_tokens", Map.of("model", "gpt-4o"), new BigDecimal("1500")),
                new UsageQuantity("llm_tokens", Map.of("model", "small"), new BigDecimal("2000")))));
        assertThat(lines(bill)).containsExactly("CHARGE 125.00", "CHARGE 20.00", "DISCOUNT -14.50");
        assertThat(bill.lines().get(0).description()).contains("gpt-4o", "1000", "0.05");
        assertThat(bill.total()).isEqualByComparingTo("130.50");
    }

    @Test
    void aMeterCountedByABucketIsNotBilledByThePlanUnlessTheSubscriptionSaysSo() {
        ChargeSpec vcpu = new ChargeSpec("vcpu", "vcpu_hours", "vCPU hours", new PriceSpec("PER_UNIT", null,
                new BigDecimal("1"), null, null, null, null, null, null, null, null), null);
        List<UsageQuantity> usage = List.of(new UsageQuantity("vcpu_hours", Map.of(), new BigDecimal("800")));
        for (boolean both : new boolean[] { false, true }) {
            PlanTerms plan = terms("Compute", RatablePlan.of("USD", List.of(vcpu), List.of()), both);
            PeriodBill bill = PeriodBiller.bill(inputs(List.of(bucket("720", "300.00", "0.45", JAN, "800")),
                    List.of(plan), usage));
            assertThat(bill.total()).isEqualByComparingTo(both ? "1136.00" : "336.00");
            PeriodInputs in = inputs(List.of(bucket("720", "300.00", "0.45", JAN, "800")), List.of(plan), usage);
            assertThat(PeriodBiller.overlaps(in)).singleElement().satisfies(o -> {
                assertThat(o.meter()).isEqualTo("vcpu_hours");
                assertThat(o.chargeKey()).isEqualTo("vcpu");
                assertThat(o.billedByBoth()).isEqualTo(both);
            });
        }
    }

    @Test
    void aNegativeTotalIsIssuedAtZeroAndTheRestCarried() {
        InvoiceLine refund = new InvoiceLine(InvoiceLine.Kind.ADJUSTMENT, "Correction", BigDecimal.ONE, null,
                new BigDecimal("-350.00"), null, null, null, Instant.parse("2025-12-01T00:00:00Z"));
        PeriodBill bill = PeriodBiller.bill(new PeriodInputs(USD, JANUARY, List.of(bucket("720", "300.00", "0.45",
                JAN, "100")), List.of(), List.of(), List.of(), List.of(refund), new BigDecimal("20.00")));
        assertThat(lines(bill)).containsExactly("BASE 300.00", "ADJUSTMENT -350.00", "CREDIT -20.00",
                "CREDIT 70.00");
        assertThat(bill.total()).isEqualByComparingTo("0.00");
        assertThat(bill.creditCarriedForward()).isEqualByComparingTo("70.00");
    }

    private static PlanTerms terms(String name, RatablePlan plan, boolean billMetersWithBuckets) {
        return new PlanTerms(UUID.randomUUID(), UUID.randomUUID(), 1, name, plan.charges(), plan.planDiscounts(), JAN,
                null, billMetersWithBuckets);
    }
}
