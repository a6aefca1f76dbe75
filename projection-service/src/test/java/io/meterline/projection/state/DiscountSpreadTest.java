package io.meterline.projection.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DiscountSpreadTest {

    private static DiscountSpread.Line charge(String amount) {
        return new DiscountSpread.Line(new BigDecimal(amount), true);
    }

    private static DiscountSpread.Line bucket(String amount) {
        return new DiscountSpread.Line(new BigDecimal(amount), false);
    }

    @Test
    void aPlanDiscountGoesToTheChargesByAmountAndNotToBuckets() {
        List<BigDecimal> revenues = DiscountSpread.revenues(List.of(bucket("100.00"), charge("30.00"),
                charge("10.00")), new BigDecimal("-8.00"));

        assertThat(revenues).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100.00"), new BigDecimal("24.00"), new BigDecimal("8.00"));
    }

    @Test
    void theLastChargeTakesTheRemainderSoThirdsAddUpExactly() {
        List<BigDecimal> revenues = DiscountSpread.revenues(List.of(charge("1"), charge("1"), charge("1")),
                new BigDecimal("-1"));

        assertThat(revenues.get(0)).isEqualByComparingTo("0.666666666667");
        assertThat(revenues.get(2)).isEqualByComparingTo("0.666666666666");
        assertThat(revenues.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("2");
    }

    @Test
    void withNoChargeAmountEveryLineTakesAShareByAmount() {
        List<BigDecimal> revenues = DiscountSpread.revenues(List.of(bucket("30"), bucket("10"), charge("0")),
                new BigDecimal("-4"));

        assertThat(revenues).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("27"), new BigDecimal("9"), BigDecimal.ZERO);
    }

    @Test
    void withNoAmountAtAllTheLastLineTakesTheDiscount() {
        List<BigDecimal> revenues = DiscountSpread.revenues(List.of(bucket("0"), charge("0")), new BigDecimal("-5"));

        assertThat(revenues).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ZERO, new BigDecimal("-5"));
        assertThat(DiscountSpread.revenues(List.of(), new BigDecimal("-5"))).isEmpty();
    }

    @Provide
    Arbitrary<List<DiscountSpread.Line>> lines() {
        Arbitrary<DiscountSpread.Line> line = Arbitraries.bigDecimals().between(BigDecimal.ZERO,
                new BigDecimal("100000")).ofScale(4).flatMap(a -> Arbitraries.of(true, false)
                        .map(c -> new DiscountSpread.Line(a, c)));
        return line.list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 500)
    void theSharesAddUpToTheDiscountExactly(@ForAll("lines") List<DiscountSpread.Line> lines,
            @ForAll("discounts") BigDecimal discount) {
        BigDecimal billed = lines.stream().map(DiscountSpread.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);

        List<BigDecimal> revenues = DiscountSpread.revenues(lines, discount);

        assertThat(revenues.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(billed.add(discount));
        boolean chargeAmount = lines.stream().anyMatch(l -> l.charge() && l.amount().signum() != 0);
        for (int i = 0; i < lines.size(); i++) {
            if (chargeAmount && !lines.get(i).charge()) {
                assertThat(revenues.get(i)).as("a bucket line keeps its amount when charges take the discount")
                        .isEqualByComparingTo(lines.get(i).amount());
            }
        }
    }

    @Provide
    Arbitrary<BigDecimal> discounts() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-10000"), BigDecimal.ZERO).ofScale(2);
    }
}
