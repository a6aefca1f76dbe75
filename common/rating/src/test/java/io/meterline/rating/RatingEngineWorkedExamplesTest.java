package io.meterline.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples computed by hand. Amounts are compared as strings, so the scale is checked too. */
class RatingEngineWorkedExamplesTest {

    private static final Price GRADUATED = Price.of(new PriceModel.Graduated(List.of(
            Tier.upTo("1000", "0.10"), Tier.above("0.05"))));

    private static Rating rate(String currency, String quantity, Price price) {
        return RatingEngine.rate(RatingRequest.of(currency, quantity, price));
    }

    private static String subtotal(String currency, String quantity, Price price) {
        return rate(currency, quantity, price).subtotal().toPlainString();
    }

    @Nested
    class Graduated {

        @Test
        void theIssueExample_1500Units_is125AndATenPercentDiscountLeaves112_50() {
            Rating rating = RatingEngine.rate(RatingRequest.of("USD", "1500", GRADUATED)
                    .withDiscounts(Discount.percent("10")));
            assertThat(rating.lines()).extracting(l -> l.quantity().toPlainString(), l -> l.unitPrice().toPlainString(),
                    l -> l.amount().toPlainString())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1000", "0.10", "100.00"),
                            org.assertj.core.groups.Tuple.tuple("500", "0.05", "25.00"));
            assertThat(rating.subtotal()).hasToString("125.00");
            assertThat(rating.discountTotal()).hasToString("12.50");
            assertThat(rating.total()).hasToString("112.50");
        }

        @ParameterizedTest(name = "{0} units cost {1}")
        @CsvSource({
                "0, 0.00",
                "1, 0.10",
                "999.99, 100.00",   // 99.999 rounds HALF_UP
                "1000, 100.00",     // exactly at upTo: all in tier 1
                "1000.5, 100.03",   // 100.00 + 0.025 → 0.03
                "1001, 100.05",
                "1000000, 50050.00" })
        void tierBoundariesAndFractions(String quantity, String expected) {
            assertThat(subtotal("USD", quantity, GRADUATED)).isEqualTo(expected);
        }

        @Test
        void atExactlyUpToOnlyTheFirstTierHasALine() {
            assertThat(rate("USD", "1000", GRADUATED).lines()).hasSize(1);
        }

        @ParameterizedTest(name = "{0} units with tier flat fees cost {1}")
        @CsvSource({
                "0, 10.00",      // the first tier's fee is charged at any quantity (Stripe)
                "100, 10.00",    // the second tier is not reached
                "101, 15.50",    // 10 + 1 × 0.50 + 5
                "1000, 465.00",  // 10 + 900 × 0.50 + 5
                "1004, 466.00" })// + 4 × 0.25
        void tierFlatFeesAreChargedOnceTheQuantityReachesIntoTheTier(String quantity, String expected) {
            Price price = Price.of(new PriceModel.Graduated(List.of(Tier.upTo("100", "0").withFlatFee("10"),
                    Tier.upTo("1000", "0.50").withFlatFee("5"), Tier.above("0.25"))));
            assertThat(subtotal("USD", quantity, price)).isEqualTo(expected);
        }

        @Test
        void aHugeQuantityIsExact() {
            assertThat(subtotal("USD", "1000000000000000", GRADUATED)).isEqualTo("50000000000050.00");
        }
    }

    @Nested
    class Volume {
        private final Price price = Price.of(new PriceModel.Volume(List.of(Tier.upTo("1000", "0.10"),
                Tier.upTo("5000", "0.08").withFlatFee("20"), Tier.above("0.05"))));

        @ParameterizedTest(name = "{0} units cost {1}")
        @CsvSource({
                "0, 0.00",
                "1000, 100.00",   // exactly at upTo: still tier 1
                "1001, 100.08",   // 1001 × 0.08 + 20
                "5000, 420.00",
                "6000, 300.00",
                "2.5, 0.25" })
        void everyUnitAtTheTierTheTotalFallsIn(String quantity, String expected) {
            assertThat(subtotal("USD", quantity, price)).isEqualTo(expected);
        }
    }

    @Nested
    class PackageAndPerUnitAndFlat {

        @ParameterizedTest(name = "{0} units in packages of 1000 at 2.50 cost {1}")
        @CsvSource({ "0, 0.00", "1, 2.50", "1000, 2.50", "1000.01, 5.00", "2500.5, 7.50" })
        void packagesRoundUp(String quantity, String expected) {
            Price price = Price.of(new PriceModel.Package(new BigDecimal("1000"), new BigDecimal("2.50")));
            assertThat(subtotal("USD", quantity, price)).isEqualTo(expected);
        }

        @Test
        void perUnitRoundsTheLineHalfUp() {
            Price price = Price.of(new PriceModel.PerUnit(new BigDecimal("0.0004")));
            assertThat(subtotal("USD", "1234567", price)).isEqualTo("493.83"); // 493.8268
            assertThat(subtotal("USD", "1000000000000000", price)).isEqualTo("400000000000.00");
        }

        @Test
        void flatIsTheAmountWhateverTheQuantityAndIsProrated() {
            Price price = Price.of(new PriceModel.Flat(new BigDecimal("99.99")));
            assertThat(subtotal("USD", "0", price)).isEqualTo("99.99");
            assertThat(subtotal("USD", "12345", price)).isEqualTo("99.99");
            Rating half = RatingEngine.rate(RatingRequest.of("USD", "5", price).withPeriodFraction("0.5"));
            assertThat(half.subtotal()).hasToString("50.00"); // 49.995 rounds HALF_UP
        }
    }

    @Nested
    class Commit {
        private final Price price = Price.of(new PriceModel.Commit(new BigDecimal("1000"), new BigDecimal("500.00"),
                new BigDecimal("0.75")));

        @Test
        void overCommitPaysTheBaseAndTheOverage() {
            Rating rating = rate("USD", "1200", price);
            assertThat(rating.subtotal()).hasToString("650.00");
            assertThat(rating.commit().overageUnits()).isEqualByComparingTo("200");
            assertThat(rating.commit().bufferUnits()).isEqualByComparingTo("0");
            assertThat(rating.commit().bufferAmount()).hasToString("0.00");
        }

        @Test
        void underCommitPaysTheBaseAndReportsTheBuffer() {
            Rating rating = rate("USD", "600", price);
            assertThat(rating.subtotal()).hasToString("500.00");
            assertThat(rating.commit().overageUnits()).isEqualByComparingTo("0");
            assertThat(rating.commit().bufferUnits()).isEqualByComparingTo("400");
            assertThat(rating.commit().bufferAmount()).hasToString("200.00"); // 500 × 400 ÷ 1000
        }

        @Test
        void exactlyAtTheCommitThereIsNeitherOverageNorBuffer() {
            Rating rating = rate("USD", "1000", price);
            assertThat(rating.subtotal()).hasToString("500.00");
            assertThat(rating.commit().overageUnits().signum()).isZero();
            assertThat(rating.commit().bufferUnits().signum()).isZero();
        }

        @Test
        void aHalfPeriodProratesTheBaseAndItsBuffer() {
            Rating rating = RatingEngine.rate(RatingRequest.of("USD", "250", price).withPeriodFraction("0.5"));
            assertThat(rating.subtotal()).hasToString("250.00");
            assertThat(rating.commit().bufferAmount()).hasToString("187.50"); // 250 × 750 ÷ 1000
        }
    }

    @Nested
    class MinimumAndMaximum {
        private final Price perUnit = Price.of(new PriceModel.PerUnit(new BigDecimal("0.10")));

        @Test
        void aMinimumAddsATrueUpLine() {
            Rating rating = rate("USD", "100", perUnit.withMinimum("25"));
            assertThat(rating.lines()).extracting(RatedLine::kind)
                    .containsExactly(RatedLine.Kind.USAGE, RatedLine.Kind.MINIMUM_TRUE_UP);
            assertThat(rating.lines().get(1).amount()).hasToString("15.00");
            assertThat(rating.subtotal()).hasToString("25.00");
        }

        @Test
        void theMinimumIsProrated() {
            Rating rating = RatingEngine.rate(RatingRequest.of("USD", "100", perUnit.withMinimum("25"))
                    .withPeriodFraction("0.5"));
            assertThat(rating.subtotal()).hasToString("12.50");
        }

        @Test
        void aMaximumAddsANegativeCapLine() {
            Rating rating = rate("USD", "10000", perUnit.withMaximum("750"));
            assertThat(rating.lines().get(1).kind()).isEqualTo(RatedLine.Kind.MAXIMUM_CAP);
            assertThat(rating.lines().get(1).amount()).hasToString("-250.00");
            assertThat(rating.subtotal()).hasToString("750.00");
        }

        @Test
        void usageBetweenMinimumAndMaximumIsUntouched() {
            assertThat(rate("USD", "500", perUnit.withMinimum("25").withMaximum("750")).lines()).hasSize(1);
        }
    }

    @Nested
    class Discounts {

        @Test
        void percentDiscountsComeBeforeAmountDiscountsWhateverTheOrderGiven() {
            Rating rating = RatingEngine.rate(RatingRequest.of("USD", "1500", GRADUATED)
                    .withDiscounts(Discount.amount("20"), Discount.percent("10")));
            assertThat(rating.discounts()).extracting(d -> d.amount().toPlainString()).containsExactly("12.50", "20.00");
            assertThat(rating.total()).hasToString("92.50");
        }

        @Test
        void percentDiscountsApplyOneAfterTheOther() {
            Rating rating = RatingEngine.rate(RatingRequest.of("USD", "1500", GRADUATED)
                    .withDiscounts(Discount.percent("50"), Discount.percent("50")));
            assertThat(rating.total()).hasToString("31.25");
            assertThat(rating.discountTotal()).hasToString("93.75");
        }

        @Test
        void anAmountDiscountLargerThanTheSubtotalLeavesZeroNotANegativeTotal() {
            Rating rating = RatingEngine.rate(RatingRequest.of("USD", "1500", GRADUATED)
                    .withDiscounts(Discount.amount("1000")));
            assertThat(rating.total()).hasToString("0.00");
            assertThat(rating.discountTotal()).hasToString("125.00");
        }

        @Test
        void aPercentDiscountRoundsHalfUp() {
            Price price = Price.of(new PriceModel.Flat(new BigDecimal("0.05")));
            Rating rating = RatingEngine.rate(RatingRequest.of("USD", "1", price).withDiscounts(Discount.percent("50")));
            assertThat(rating.discountTotal()).hasToString("0.03"); // 0.025
            assertThat(rating.total()).hasToString("0.02");
        }

        @Test
        void aPromotionAppliesOnlyInsideItsWindow() {
            Discount promotion = Discount.percent("20").validBetween(Instant.parse("2026-01-01T00:00:00Z"),
                    Instant.parse("2026-02-01T00:00:00Z"));
            RatingRequest request = RatingRequest.of("USD", "1500", GRADUATED).withDiscounts(promotion);
            assertThat(RatingEngine.rate(request.at(Instant.parse("2026-01-15T00:00:00Z"))).total()).hasToString("100.00");
            assertThat(RatingEngine.rate(request.at(Instant.parse("2026-02-01T00:00:00Z"))).total()).hasToString("125.00");
            assertThat(RatingEngine.rate(request.at(Instant.parse("2025-12-31T23:59:59Z"))).total()).hasToString("125.00");
        }
    }

    @Nested
    class Currencies {

        @Test
        void yenHasNoMinorUnits() {
            Price price = Price.of(new PriceModel.PerUnit(new BigDecimal("0.5")));
            Rating rating = RatingEngine.rate(RatingRequest.of("JPY", "3", price).withDiscounts(Discount.percent("10")));
            assertThat(rating.subtotal()).hasToString("2"); // 1.5 rounds HALF_UP
            assertThat(rating.discountTotal()).hasToString("0"); // 0.2 rounds to 0
            assertThat(rating.total()).hasToString("2");
        }

        @Test
        void kuwaitiDinarHasThree() {
            Price price = Price.of(new PriceModel.PerUnit(new BigDecimal("0.0125")));
            assertThat(subtotal("KWD", "7", price)).isEqualTo("0.088"); // 0.0875
        }
    }

    @Nested
    class InvalidInput {

        private List<Violation> violations(RatingRequest request) {
            try {
                RatingEngine.rate(request);
            } catch (InvalidRatingInputException e) {
                return e.violations();
            }
            throw new AssertionError("expected the request to be rejected");
        }

        @Test
        void tiersThatDoNotAscendAreRejectedNamingTheTier() {
            Price price = Price.of(new PriceModel.Graduated(List.of(Tier.upTo("1000", "0.1"), Tier.upTo("500", "0.05"),
                    Tier.above("0.01"))));
            assertThat(violations(RatingRequest.of("USD", "1", price)))
                    .extracting(Violation::field).containsExactly("price.tiers[1].upTo");
        }

        @Test
        void aLastTierThatIsNotOpenEndedIsRejected() {
            Price price = Price.of(new PriceModel.Volume(List.of(Tier.upTo("1000", "0.1"))));
            assertThat(violations(RatingRequest.of("USD", "1", price)))
                    .extracting(Violation::message).containsExactly("the last tier must be open-ended (upTo null)");
        }

        @Test
        void negativePricesZeroPackagesZeroCommitsAndNegativeQuantitiesAreRejected() {
            assertThat(violations(RatingRequest.of("USD", "1", Price.of(new PriceModel.PerUnit(new BigDecimal("-1"))))))
                    .extracting(Violation::field).containsExactly("price.unitPrice");
            assertThat(violations(RatingRequest.of("USD", "1",
                    Price.of(new PriceModel.Package(BigDecimal.ZERO, BigDecimal.ONE)))))
                    .extracting(Violation::field).containsExactly("price.packageSize");
            assertThat(violations(RatingRequest.of("USD", "1",
                    Price.of(new PriceModel.Commit(new BigDecimal("-5"), BigDecimal.ONE, BigDecimal.ONE)))))
                    .extracting(Violation::field).containsExactly("price.commitUnits");
            assertThat(violations(RatingRequest.of("USD", "-1", GRADUATED)))
                    .extracting(Violation::field).containsExactly("quantity");
        }

        @Test
        void aPeriodFractionOutsideZeroToOneAndABadDiscountAreRejectedTogether() {
            RatingRequest request = RatingRequest.of("USD", "1", GRADUATED).withPeriodFraction("1.5")
                    .withDiscounts(Discount.percent("101"));
            assertThat(violations(request)).extracting(Violation::field)
                    .containsExactly("periodFraction", "discounts[0].value");
        }

        @Test
        void aMinimumAboveTheMaximumIsRejected() {
            Price price = Price.of(new PriceModel.PerUnit(BigDecimal.ONE)).withMinimum("10").withMaximum("5");
            assertThat(violations(RatingRequest.of("USD", "1", price))).extracting(Violation::field)
                    .containsExactly("price.maximum");
        }

        @Test
        void anUnknownCurrencyIsRejected() {
            assertThatThrownBy(() -> RatingCurrency.of("XYZ")).isInstanceOf(InvalidRatingInputException.class)
                    .hasMessageContaining("currency");
            assertThatThrownBy(() -> RatingCurrency.of("usd")).isInstanceOf(InvalidRatingInputException.class);
        }
    }
}
