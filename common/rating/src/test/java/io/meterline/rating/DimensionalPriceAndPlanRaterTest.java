package io.meterline.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DimensionalPriceAndPlanRaterTest {

    private static Price perUnit(String price) {
        return Price.of(new PriceModel.PerUnit(new BigDecimal(price)));
    }

    private final DimensionalPrice byModel = new DimensionalPrice(List.of(
            new DimensionRule(Map.of("model", "gpt-4o"), perUnit("0.010")),
            new DimensionRule(Map.of("model", "gpt-4o", "provider", "azure"), perUnit("0.008")),
            new DimensionRule(Map.of("provider", "azure"), perUnit("0.005")),
            new DimensionRule(Map.of("region", "eu"), perUnit("0.020"))), perUnit("0.001"));

    @Test
    void theMostSpecificMatchingRuleWins() {
        assertThat(byModel.select(Map.of("model", "gpt-4o", "provider", "azure")).orElseThrow().ruleIndex()).isEqualTo(1);
        assertThat(byModel.select(Map.of("model", "gpt-4o", "provider", "openai")).orElseThrow().ruleIndex()).isZero();
    }

    @Test
    void equallySpecificRulesGoToTheFirstListed() {
        assertThat(byModel.select(Map.of("provider", "azure", "region", "eu", "model", "llama")).orElseThrow()
                .ruleIndex()).isEqualTo(2);
    }

    @Test
    void usageMatchingNoRuleTakesTheDefaultOrHasNoPrice() {
        assertThat(byModel.select(Map.of("model", "claude")).orElseThrow().isDefault()).isTrue();
        DimensionalPrice noDefault = new DimensionalPrice(byModel.rules(), null);
        assertThat(noDefault.select(Map.of("model", "claude"))).isEmpty();
    }

    @Test
    void aPlanSumsUsagePerPriceBeforeRatingSoTiersApplyToThePeriodTotal() {
        Price graduated = Price.of(new PriceModel.Graduated(List.of(Tier.upTo("1000", "0.10"), Tier.above("0.05"))));
        Charge tokens = new Charge("tokens", "llm_tokens", "LLM tokens", DimensionalPrice.flat(graduated), List.of());
        List<UsageQuantity> usage = List.of(
                new UsageQuantity("llm_tokens", Map.of("model", "a"), new BigDecimal("800")),
                new UsageQuantity("llm_tokens", Map.of("model", "b"), new BigDecimal("700")));

        PlanRating rating = PlanRater.rate(RatingCurrency.of("USD"), List.of(tokens), usage, List.of(), BigDecimal.ONE,
                Instant.EPOCH);

        assertThat(rating.charges()).hasSize(1);
        assertThat(rating.charges().get(0).quantity()).isEqualByComparingTo("1500");
        assertThat(rating.total()).hasToString("125.00");
    }

    @Test
    void usageWithoutAChargeOrAMatchingPriceIsReportedAsUnpricedNotAsZero() {
        Charge tokens = new Charge("tokens", "llm_tokens", "LLM tokens",
                new DimensionalPrice(List.of(new DimensionRule(Map.of("model", "gpt-4o"), perUnit("0.01"))), null),
                List.of());
        List<UsageQuantity> usage = List.of(
                new UsageQuantity("llm_tokens", Map.of("model", "gpt-4o"), new BigDecimal("100")),
                new UsageQuantity("llm_tokens", Map.of("model", "claude"), new BigDecimal("50")),
                new UsageQuantity("api_calls", Map.of(), new BigDecimal("7")));

        PlanRating rating = PlanRater.rate(RatingCurrency.of("USD"), List.of(tokens), usage, List.of(), BigDecimal.ONE,
                Instant.EPOCH);

        assertThat(rating.total()).hasToString("1.00");
        assertThat(rating.unpriced()).extracting(UnpricedUsage::meter, u -> u.quantity().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("llm_tokens", "50"),
                        org.assertj.core.groups.Tuple.tuple("api_calls", "7"));
    }

    @Test
    void aChargeWithoutUsageStillChargesItsFixedPartsAndPlanDiscountsApplyToTheSum() {
        Charge platform = new Charge("platform", "seats", "Platform fee",
                DimensionalPrice.flat(Price.of(new PriceModel.Flat(new BigDecimal("100")))), List.of());
        Charge calls = new Charge("calls", "api_calls", "API calls", DimensionalPrice.flat(perUnit("0.01")),
                List.of(Discount.percent("50")));
        List<UsageQuantity> usage = List.of(new UsageQuantity("api_calls", Map.of(), new BigDecimal("1000")));

        PlanRating rating = PlanRater.rate(RatingCurrency.of("USD"), List.of(platform, calls), usage,
                List.of(Discount.amount("15")), BigDecimal.ONE, Instant.EPOCH);

        assertThat(rating.charges()).extracting(c -> c.rating().total().toPlainString())
                .containsExactlyInAnyOrder("100.00", "5.00");
        assertThat(rating.subtotal()).hasToString("105.00");
        assertThat(rating.total()).hasToString("90.00");
    }
}
