package io.meterline.platform.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may reach the operations paths ({@link OperationsPaths}). */
@ConfigMapping(prefix = "meterline.http")
public interface OperationsPathsConfig {

    /**
     * Whether {@code /q/*} (health, metrics, the OpenAPI document) answers 404 to a request that came through a
     * reverse proxy or ingress, which names the client it forwards for. Probes and scrapers inside the cluster call
     * the pod directly and are answered. Off by default; the Helm chart turns it on.
     */
    @WithDefault("false")
    boolean hideOperationsFromProxies();
}
