package io.meterline.projection;

import io.meterline.testing.ArchitectureContract;

/** The layers of projection-service: thin resources, services that decide, repositories and entities that persist. */
class ProjectionArchitectureTest implements ArchitectureContract {

    @Override
    public String servicePackage() {
        return "io.meterline.projection";
    }
}
