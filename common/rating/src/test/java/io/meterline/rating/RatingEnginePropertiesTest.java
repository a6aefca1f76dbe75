package io.meterline.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties the engine must keep for every input, checked on generated prices and quantities. */
class RatingEnginePropertiesTest {

    @Property
    void graduatedIsMonotonicInQuantity(@ForAll("graduated") Price price, @ForAll("quantities") BigDecimal a,
            @ForAll("quantities") BigDecimal b) {
        BigDecimal low = a.min(b);
        BigDecimal high = a.max(b);
        assertThat(rate("USD", low, price).subtotal()).isLessThanOrEqualTo(rate("USD", high, price).subtotal());
    }

    @Property
    void theLinesAlwaysSumToTheSubtotal(@ForAll("anyPrice") Price price, @ForAll("quantities") BigDecimal quantity,
            @ForAll("currencies") String currency) {
        Rating rating = rate(currency, quantity, price);
        BigDecimal sum = rating.lines().stream().map(RatedLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(rating.subtotal());
    }

    @Property
    void volumeAndGraduatedAgreeOnASingleTier(@ForAll("prices") BigDecimal unitPrice,
            @ForAll("optionalFee") BigDecimal fee, @ForAll("quantities") BigDecimal quantity) {
        List<Tier> single = List.of(new Tier(null, unitPrice, fee));
        assertThat(rate("USD", quantity, Price.of(new PriceModel.Volume(single))).subtotal())
                .isEqualTo(rate("USD", quantity, Price.of(new PriceModel.Graduated(single))).subtotal());
    }

    @Property
    void packageStepsAtMultiplesOfThePackageSize(@ForAll("positives") BigDecimal size, @ForAll("prices") BigDecimal price,
            @ForAll("counts") int packages) {
        Price pack = Price.of(new PriceModel.Package(size, price));
        BigDecimal atMultiple = size.multiply(BigDecimal.valueOf(packages));
        BigDecimal justAbove = atMultiple.add(new BigDecimal("0.000001"));
        RatingCurrency usd = RatingCurrency.of("USD");
        assertThat(rate("USD", atMultiple, pack).subtotal())
                .isEqualTo(usd.round(price.multiply(BigDecimal.valueOf(packages))));
        assertThat(rate("USD", justAbove, pack).subtotal())
                .isEqualTo(usd.round(price.multiply(BigDecimal.valueOf(packages + 1L))));
    }

    @Property
    void commitOverageAndBufferAreNeverBothNonZero(@ForAll("positives") BigDecimal commitUnits,
            @ForAll("prices") BigDecimal base, @ForAll("prices") BigDecimal overage, @ForAll("quantities") BigDecimal q) {
        Rating rating = rate("USD", q, Price.of(new PriceModel.Commit(commitUnits, base, overage)));
        CommitOutcome outcome = rating.commit();
        assertThat(outcome.overageUnits().signum() != 0 && outcome.bufferUnits().signum() != 0).isFalse();
        assertThat(outcome.overageUnits().subtract(outcome.bufferUnits())).isEqualByComparingTo(q.subtract(commitUnits));
    }

    @Property
    void theTotalIsNeverNegative(@ForAll("anyPrice") Price price, @ForAll("quantities") BigDecimal quantity,
            @ForAll("discountLists") List<Discount> discounts) {
        Rating rating = RatingEngine.rate(RatingRequest.of("USD", quantity.toPlainString(), price)
                .withDiscounts(discounts.toArray(Discount[]::new)));
        assertThat(rating.total().signum()).isGreaterThanOrEqualTo(0);
        assertThat(rating.total().add(rating.discountTotal())).isEqualByComparingTo(rating.subtotal());
    }

    @Property
    void everyAmountIsExactToTheMinorUnit(@ForAll("prices") BigDecimal unitPrice, @ForAll("quantities") BigDecimal q,
            @ForAll("currencies") String currency) {
        Rating rating = rate(currency, q, Price.of(new PriceModel.PerUnit(unitPrice)));
        int minor = RatingCurrency.of(currency).minorUnits();
        assertThat(rating.lines().get(0).amount()).isEqualTo(q.multiply(unitPrice).setScale(minor, RoundingMode.HALF_UP));
        assertThat(rating.subtotal().scale()).isEqualTo(minor);
        assertThat(rating.total().scale()).isEqualTo(minor);
    }

    private static Rating rate(String currency, BigDecimal quantity, Price price) {
        return RatingEngine.rate(RatingRequest.of(currency, quantity.toPlainString(), price));
    }

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("USD", "EUR", "JPY", "KWD");
    }

    @Provide
    Arbitrary<BigDecimal> quantities() {
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000")).ofScale(3),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000000000000000")).ofScale(0),
                Arbitraries.of(BigDecimal.ZERO, new BigDecimal("1000"), new BigDecimal("1000.001")));
    }

    @Provide
    Arbitrary<BigDecimal> prices() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(4);
    }

    @Provide
    Arbitrary<BigDecimal> positives() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.5"), new BigDecimal("10000")).ofScale(2);
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.integers().between(0, 10000);
    }

    @Provide
    Arbitrary<BigDecimal> optionalFee() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("50")).ofScale(2).injectNull(0.3);
    }

    @Provide
    Arbitrary<Price> graduated() {
        return tiers().map(t -> Price.of(new PriceModel.Graduated(t)));
    }

    @Provide
    Arbitrary<Price> anyPrice() {
        Arbitrary<PriceModel> models = Arbitraries.oneOf(
                prices().map(PriceModel.Flat::new),
                prices().map(PriceModel.PerUnit::new),
                Combinators.combine(positives(), prices()).as(PriceModel.Package::new),
                tiers().map(PriceModel.Graduated::new),
                tiers().map(PriceModel.Volume::new),
                Combinators.combine(positives(), prices(), prices()).as(PriceModel.Commit::new));
        Arbitrary<BigDecimal> limit = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000"))
                .ofScale(2).injectNull(0.6);
        return Combinators.combine(models, limit, limit).as((model, a, b) -> {
            if (a != null && b != null && a.compareTo(b) > 0) {
                return new Price(model, b, a);
            }
            return new Price(model, a, b);
        });
    }

    @Provide
    Arbitrary<List<Discount>> discountLists() {
        Arbitrary<Discount> percent = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100"))
                .ofScale(2).map(v -> new Discount(Discount.Type.PERCENT, v, null, null, null));
        Arbitrary<Discount> amount = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000"))
                .ofScale(2).map(v -> new Discount(Discount.Type.AMOUNT, v, null, null, null));
        return Arbitraries.oneOf(percent, amount).list().ofMaxSize(4);
    }

    /** 1 to 10 tiers with ascending bounds and an open last tier. */
    private Arbitrary<List<Tier>> tiers() {
        Arbitrary<List<BigDecimal>> steps = Arbitraries.bigDecimals().between(new BigDecimal("1"), new BigDecimal("5000"))
                .ofScale(1).list().ofMinSize(0).ofMaxSize(9);
        Arbitrary<List<BigDecimal>> unitPrices = prices().list().ofSize(10);
        Arbitrary<List<BigDecimal>> fees = optionalFee().list().ofSize(10);
        return Combinators.combine(steps, unitPrices, fees).as((gaps, unit, fee) -> {
            List<Tier> tiers = new ArrayList<>();
            BigDecimal upTo = BigDecimal.ZERO;
            for (int i = 0; i < gaps.size(); i++) {
                upTo = upTo.add(gaps.get(i));
                tiers.add(new Tier(upTo, unit.get(i), fee.get(i)));
            }
            tiers.add(new Tier(null, unit.get(gaps.size()), fee.get(gaps.size())));
            return tiers;
        });
    }
}
