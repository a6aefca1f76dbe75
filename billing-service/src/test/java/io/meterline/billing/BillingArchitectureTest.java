package io.meterline.billing;

import io.meterline.testing.ArchitectureContract;

/** The layers of billing-service: thin resources, services that decide, repositories and entities that persist. */
class BillingArchitectureTest implements ArchitectureContract {

    @Override
    public String servicePackage() {
        return "io.meterline.billing";
    }
}
