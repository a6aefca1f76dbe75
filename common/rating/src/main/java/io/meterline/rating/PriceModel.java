package io.meterline.rating;

import java.math.BigDecimal;
import java.util.List;

/** How a quantity becomes an amount. The six models of Meterline's price plans. */
public sealed interface PriceModel {

    /** The model's name in the API: FLAT, PER_UNIT, PACKAGE, GRADUATED, VOLUME or COMMIT. */
    String name();

    /** {@code amount}, whatever the quantity. Prorated by the period fraction. */
    record Flat(BigDecimal amount) implements PriceModel {
        public String name() {
            return "FLAT";
        }
    }

    /** {@code quantity × unitPrice}. */
    record PerUnit(BigDecimal unitPrice) implements PriceModel {
        public String name() {
            return "PER_UNIT";
        }
    }

    /** {@code ⌈quantity ÷ packageSize⌉ × packagePrice}. */
    record Package(BigDecimal packageSize, BigDecimal packagePrice) implements PriceModel {
        public String name() {
            return "PACKAGE";
        }
    }

    /** Each tier's units at that tier's price, plus the flat fee of every tier the quantity reaches into. */
    record Graduated(List<Tier> tiers) implements PriceModel {
        public Graduated {
            tiers = List.copyOf(tiers);
        }

        public String name() {
            return "GRADUATED";
        }
    }

    /** Every unit at the price of the tier the total falls in, plus that tier's flat fee. */
    record Volume(List<Tier> tiers) implements PriceModel {
        public Volume {
            tiers = List.copyOf(tiers);
        }

        public String name() {
            return "VOLUME";
        }
    }

    /**
     * A commit-based billing bucket: {@code basePrice} buys {@code commitUnits}; units above the commit cost
     * {@code overageUnitPrice} each. The base price is prorated by the period fraction.
     */
    record Commit(BigDecimal commitUnits, BigDecimal basePrice, BigDecimal overageUnitPrice) implements PriceModel {
        public String name() {
            return "COMMIT";
        }
    }
}
