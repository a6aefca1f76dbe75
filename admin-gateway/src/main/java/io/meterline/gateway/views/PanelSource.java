package io.meterline.gateway.views;

import io.meterline.gateway.routing.OwningService;

/** Where a panel is read: a service and a path with its query, already encoded. */
public record PanelSource(String panel, OwningService service, String pathAndQuery, Kind kind) {

    /** An API read with the caller's token, or a service's public readiness check. */
    public enum Kind {
        API, READINESS
    }

    public static PanelSource api(String panel, OwningService service, String pathAndQuery) {
        return new PanelSource(panel, service, pathAndQuery, Kind.API);
    }

    public static PanelSource readiness(String panel, OwningService service) {
        return new PanelSource(panel, service, "/q/health/ready", Kind.READINESS);
    }
}
