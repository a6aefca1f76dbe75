package io.meterline.pricing.plans;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Ids;
import io.meterline.pricing.quotes.Quote;
import io.meterline.pricing.quotes.QuoteRequest;
import io.meterline.pricing.quotes.QuoteService;
import io.smallrye.mutiny.Uni;

/** Price plans: what clients pay. Versioned and effective-dated; quoted with revenue, cost and margin. */
@Path("/api/v1/price-plans")
@Tag(name = "Price plans", description = "Versioned, effective-dated rate cards of charges on meters")
public class PricePlanResource extends PlanEndpoints {

    @Inject
    QuoteService quotes;

    @Override
    protected PlanKind kind() {
        return PlanKind.PRICE;
    }

    @POST
    @Path("/{id}/quote")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Quote usage under this plan",
            description = "Rates the usage under the version in effect (with the plan's, its charges' and the "
                    + "client's discounts), costs it under the cost-rate plans in effect, and returns per-meter revenue, "
                    + "cost, margin and margin %, plus the usage nothing prices.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "tokens for acme", value = """
            {"client":"acme","usage":[
              {"meter":"llm_tokens","dimensions":{"model":"gpt-4o"},"quantity":"1250000"},
              {"meter":"llm_tokens","dimensions":{"model":"llama-3"},"quantity":"400000"}]}""")))
    @APIResponse(responseCode = "200", description = "The quote")
    @APIResponse(responseCode = "404", description = "No such price plan")
    @APIResponse(responseCode = "409", description = "No version in effect at the quote's instant")
    public Uni<Quote> quote(@PathParam("id") String id, QuoteRequest request) {
        return quotes.quote(Ids.parse(id, kind().label()), Bodies.require(request, "a quote request"));
    }
}
