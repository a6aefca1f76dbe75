package io.meterline.pricing;

import io.meterline.testing.ArchitectureContract;

/** The layers of pricing-service: thin resources, services that decide, repositories and entities that persist. */
class PricingArchitectureTest implements ArchitectureContract {

    @Override
    public String servicePackage() {
        return "io.meterline.pricing";
    }
}
