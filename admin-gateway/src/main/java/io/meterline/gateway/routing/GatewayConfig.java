package io.meterline.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway finds the four services, and how it treats the console's cookies (docs/configuration.md). */
@ConfigMapping(prefix = "meterline.gateway")
public interface GatewayConfig {

    /** metering-service's base URL, such as {@code http://metering:8081}. */
    URI meteringUrl();

    /** pricing-service's base URL. */
    URI pricingUrl();

    /** billing-service's base URL. */
    URI billingUrl();

    /** projection-service's base URL. */
    URI projectionUrl();

    /**
     * How long a relayed call may take before the caller gets a 504. Long enough for the slowest admin call (a
     * billing run's CSV export of a large period).
     */
    @WithDefault("PT60S")
    Duration relayTimeout();

    /**
     * How long a view waits for each service it reads before it shows that part as unavailable and renders the
     * rest. Short: an admin looks at the page while it waits.
     */
    @WithDefault("PT5S")
    Duration viewTimeout();

    /** How long the merged OpenAPI document is kept before the services' documents are read again. */
    @WithDefault("PT1M")
    Duration openapiCacheTtl();

    /**
     * Whether the console's cookies (the session and the CSRF token) carry {@code Secure}. On by default: behind a
     * TLS-terminating ingress the gateway sees plain HTTP, yet the browser must only send them over HTTPS. Only a
     * local run on {@code http://localhost} turns it off ({@code ./meterline up} does).
     */
    @WithDefault("true")
    boolean secureCookies();

    default URI urlOf(OwningService service) {
        return switch (service) {
            case METERING -> meteringUrl();
            case PRICING -> pricingUrl();
            case BILLING -> billingUrl();
            case PROJECTION -> projectionUrl();
        };
    }
}
