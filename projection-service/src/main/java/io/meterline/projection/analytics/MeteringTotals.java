package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * metering-service's totals API (the system of record for usage), called with projection's own client-credentials
 * token: what reconciliation holds the real-time totals and the billed usage against.
 */
@RegisterRestClient(configKey = "metering")
@OidcClientFilter
@Path("/api/v1/usage")
public interface MeteringTotals {

    /** One window, some customers, totalled over every dimension set. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Request(Instant from, Instant to, List<String> customers, Boolean groupByDimensions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Row(String meter, String customer, BigDecimal value) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<Row> items, int page, int size, long total) {
    }

    /** The largest page metering serves. */
    int MAX_PAGE = 10_000;

    @POST
    @Path("/totals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Page> totals(Request request, @QueryParam("page") int page, @QueryParam("size") int size);
}
