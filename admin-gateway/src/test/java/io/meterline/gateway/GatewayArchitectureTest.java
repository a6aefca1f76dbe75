package io.meterline.gateway;

import io.meterline.testing.ArchitectureContract;

/** The layers of admin-gateway: thin resources, services that decide, repositories and entities that persist. */
class GatewayArchitectureTest implements ArchitectureContract {

    @Override
    public String servicePackage() {
        return "io.meterline.gateway";
    }
}
