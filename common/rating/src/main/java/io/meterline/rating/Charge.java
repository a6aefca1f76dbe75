package io.meterline.rating;

import java.util.List;

/** One charge of a price plan or cost-rate plan: a meter, its price by dimension, and charge-level discounts. */
public record Charge(String key, String meter, String description, DimensionalPrice pricing, List<Discount> discounts) {

    public Charge {
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
    }
}
