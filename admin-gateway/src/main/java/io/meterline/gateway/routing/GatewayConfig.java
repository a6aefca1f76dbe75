package io.meterline.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway finds the four services (docs/configuration.md). */
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

    default URI urlOf(OwningService service) {
        return switch (service) {
            case METERING -> meteringUrl();
            case PRICING -> pricingUrl();
            case BILLING -> billingUrl();
            case PROJECTION -> projectionUrl();
        };
    }
}
