package io.meterline.metering;

import io.meterline.testing.ArchitectureContract;

/** The layers of metering-service: thin resources, services that decide, repositories and entities that persist. */
class MeteringArchitectureTest implements ArchitectureContract {

    @Override
    public String servicePackage() {
        return "io.meterline.metering";
    }
}
