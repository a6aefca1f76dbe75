package io.meterline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.Test;

import io.meterline.platform.problem.ProblemException;

class ServiceRelayTest {

    @Test
    void aPathThatCouldClimbOutOfTheApiIsRefused() {
        for (String path : new String[] { "clients/..", "clients/%2e%2E/q", "clients/./x", "clients/a%2fb",
                "clients/%2E" }) {
            assertThatThrownBy(() -> ServiceRelay.requireNoDotSegments(path)).as(path)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatCode(() -> ServiceRelay.requireNoDotSegments("clients/a..b/v1.2/%20x")).doesNotThrowAnyException();
    }

    @Test
    void whatAServiceCreatedIsNamedByItsPathAtTheGateway() {
        assertThat(ServiceRelay.gatewayLocation("http://billing:8083/api/v1/clients/c-1"))
                .isEqualTo("/api/v1/clients/c-1");
        assertThat(ServiceRelay.gatewayLocation("/api/v1/clients/c-1?x=1")).isEqualTo("/api/v1/clients/c-1?x=1");
    }

    @Test
    void everyResourceHasOneOwnerAndIngestHasNone() {
        assertThat(OwningService.of("clients/c-1/buckets")).contains(OwningService.BILLING);
        assertThat(OwningService.of("analytics/margin")).contains(OwningService.PROJECTION);
        assertThat(OwningService.of("rate")).contains(OwningService.PRICING);
        assertThat(OwningService.of("assets")).contains(OwningService.METERING);
        assertThat(OwningService.of("events")).as("tenant services send usage to metering, not here").isEmpty();
        assertThat(OwningService.of("")).isEmpty();
    }
}
