package io.meterline.billing.usage;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.meterline.contracts.catalog.ChargeSpec;
import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * pricing-service's plans, read for what the catalog does not carry: a plan's draft, which backtests rate before it
 * is published. Called with billing's own client-credentials token; blocking.
 */
@RegisterRestClient(configKey = "pricing")
@OidcClientFilter
@Path("/api/v1/price-plans")
public interface PricingClient {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Plan plan(@PathParam("id") UUID id);

    /** The parts of pricing's plan a backtest reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Plan(UUID id, String name, String currency, String client, Draft draft) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Draft(List<ChargeSpec> charges) {
    }
}
