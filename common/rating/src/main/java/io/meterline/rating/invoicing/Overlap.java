package io.meterline.rating.invoicing;

import java.util.UUID;

/**
 * A plan charge on a meter that a bucket of the client also counts. By default the bucket wins and the charge bills
 * nothing for that meter; a subscription with {@code billMetersWithBuckets} bills both.
 */
public record Overlap(String meter, UUID pricePlan, String chargeKey, UUID bucket, boolean billedByBoth) {
}
