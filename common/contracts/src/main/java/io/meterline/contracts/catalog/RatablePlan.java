package io.meterline.contracts.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.meterline.rating.Charge;
import io.meterline.rating.Discount;

/**
 * A published plan version made ready for the engine: its charges, each with its charge-level discounts, and the
 * plan-level discounts (the plan's own and the client's negotiated ones). Pricing's quotes and billing's invoices
 * assemble plans here, so the same discounts apply in both.
 */
public record RatablePlan(List<Charge> charges, List<Discount> planDiscounts) {

    /**
     * @param applicable the discounts of the plan, its charges and the client, as published; an amount discount in
     *            another currency than the plan's cannot apply and is left out
     */
    public static RatablePlan of(String currency, List<ChargeSpec> specs, List<DiscountChanged> applicable) {
        List<Discount> planLevel = new ArrayList<>();
        Map<String, List<Discount>> byCharge = new LinkedHashMap<>();
        for (DiscountChanged d : applicable) {
            if (d.archived() || (d.currency() != null && "AMOUNT".equals(d.type()) && !d.currency().equals(currency))) {
                continue;
            }
            if ("CHARGE".equals(d.scope())) {
                byCharge.computeIfAbsent(d.chargeKey(), k -> new ArrayList<>()).add(d.toDiscount());
            } else {
                planLevel.add(d.toDiscount());
            }
        }
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ChargeSpec spec = specs.get(i);
            charges.add(spec.toCharge("charges[" + i + "]", byCharge.getOrDefault(spec.key(), List.of())));
        }
        return new RatablePlan(charges, planLevel);
    }

    /**
     * The cost-rate charges in effect: one charge per meter; when several cost-rate versions price a meter, the first
     * given (the caller orders them, latest effective first) wins.
     */
    public static List<Charge> costCharges(List<List<ChargeSpec>> versions) {
        Map<String, Charge> byMeter = new LinkedHashMap<>();
        for (List<ChargeSpec> specs : versions) {
            for (int i = 0; i < specs.size(); i++) {
                ChargeSpec spec = specs.get(i);
                if (!byMeter.containsKey(spec.meter())) {
                    byMeter.put(spec.meter(), spec.toCharge("charges[" + i + "]", List.of()));
                }
            }
        }
        return List.copyOf(byMeter.values());
    }
}
