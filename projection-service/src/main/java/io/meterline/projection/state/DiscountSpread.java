package io.meterline.projection.state;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Attributes a period's plan-level discounts to its lines, so margin grouped by meter, dimension or source type adds
 * up to margin by client, which is what the period invoices. The discount goes to the plan-charge lines in proportion
 * to their amounts (a plan's discount is on its charges, not on a bucket's base and overage); with no charge amount to
 * weigh by, to every line by amount; with no amount at all, to the last line. The last line that takes a share takes
 * the remainder, so the shares add up to the discount exactly whenever there is a line. Shares are kept to
 * {@link #SCALE} decimals and rounded only when a figure is shown.
 */
public final class DiscountSpread {

    /** Decimals a share keeps: far below any currency's minor unit, so a sum of shares rounds as the discount does. */
    public static final int SCALE = 12;

    private DiscountSpread() {
    }

    /** One line: what it bills, and whether it is a plan charge (which plan-level discounts apply to). */
    public record Line(BigDecimal amount, boolean charge) {
    }

    /** Each line's revenue: its amount plus its share of {@code discount} (usually negative: the plan's discount). */
    public static List<BigDecimal> revenues(List<Line> lines, BigDecimal discount) {
        boolean charges = total(lines, true).signum() != 0;
        BigDecimal weight = charges ? total(lines, true) : total(lines, false);
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (takesPart(lines.get(i), charges)) {
                last = i;
            }
        }
        List<BigDecimal> out = new ArrayList<>(lines.size());
        BigDecimal given = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            BigDecimal share = BigDecimal.ZERO;
            if (discount.signum() != 0 && takesPart(line, charges)) {
                share = i == last ? discount.subtract(given) : weight.signum() == 0 ? BigDecimal.ZERO
                        : discount.multiply(line.amount()).divide(weight, SCALE, RoundingMode.HALF_EVEN);
                given = given.add(share);
            }
            out.add(line.amount().add(share));
        }
        return out;
    }

    private static boolean takesPart(Line line, boolean charges) {
        return !charges || line.charge();
    }

    private static BigDecimal total(List<Line> lines, boolean chargesOnly) {
        return lines.stream().filter(l -> !chargesOnly || l.charge()).map(Line::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }
}
