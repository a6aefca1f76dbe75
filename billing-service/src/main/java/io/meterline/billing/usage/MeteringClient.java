package io.meterline.billing.usage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * metering-service's usage API, the system of record for usage, called with billing's own client-credentials token
 * (never metering's database). Blocking: the billing run calls it from its own worker thread.
 */
@RegisterRestClient(configKey = "metering")
@OidcClientFilter
@Path("/api/v1/usage")
public interface MeteringClient {

    @POST
    @Path("/totals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    TotalsPage totals(TotalsRequest request, @QueryParam("page") int page, @QueryParam("size") int size);
}
