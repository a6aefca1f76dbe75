package io.meterline.pricing.rate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Roles;
import io.meterline.rating.Discount;
import io.meterline.rating.Rating;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.RatingEngine;
import io.meterline.rating.RatingRequest;

/** Rates a quantity under an inline price: for scripts, the console, and checking the math. */
@Path("/api/v1/rate")
@Tag(name = "Rating", description = "The rating engine, on an inline price")
public class RateResource {

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Rate a quantity under a price",
            description = "Lines, each rounded HALF_UP to the currency's minor units; subtotal; minimum or maximum; "
                    + "percent then amount discounts; a total never below zero. See docs/pricing.md.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RateRequest.class),
            examples = {
                    @ExampleObject(name = "graduated with a discount", value = """
                            {"currency":"USD","quantity":"1500",
                             "price":{"model":"GRADUATED","tiers":[{"upTo":"1000","unitPrice":"0.10"},{"upTo":null,"unitPrice":"0.05"}]},
                             "discounts":[{"type":"PERCENT","value":"10"}],"periodFraction":"1"}"""),
                    @ExampleObject(name = "commit bucket", value = """
                            {"currency":"USD","quantity":"600",
                             "price":{"model":"COMMIT","commitUnits":"1000","basePrice":"500.00","overageUnitPrice":"0.75"}}""") }))
    @APIResponse(responseCode = "200", description = "The rating",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RatingView.class),
                    examples = @ExampleObject(name = "graduated with a discount", value = """
                            {"currency":"USD","quantity":"1500","subtotal":"125.00","discount":"12.50","total":"112.50",
                             "lines":[{"kind":"USAGE","description":"Tier 1 (up to 1000)","quantity":"1000","unitPrice":"0.10","amount":"100.00"},
                                      {"kind":"USAGE","description":"Tier 2 (above 1000)","quantity":"500","unitPrice":"0.05","amount":"25.00"}],
                             "discounts":[{"description":"10% discount","type":"PERCENT","value":"10","amount":"12.50"}]}""")))
    @APIResponse(responseCode = "400", description = "Invalid input; errors names each field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public RatingView rate(RateRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a rating request is required");
        }
        if (request.currency() == null) {
            throw ProblemException.invalidField("currency", "is required");
        }
        if (request.price() == null) {
            throw ProblemException.invalidField("price", "is required");
        }
        List<Discount> discounts = new ArrayList<>();
        List<InlineDiscount> inline = request.discounts() == null ? List.of() : request.discounts();
        for (int i = 0; i < inline.size(); i++) {
            if (inline.get(i) == null) {
                throw ProblemException.invalidField("discounts[" + i + "]", "is required: a discount, not null");
            }
            discounts.add(inline.get(i).toDiscount("discounts[" + i + "]"));
        }
        Rating rating = RatingEngine.rate(new RatingRequest(RatingCurrency.of(request.currency()), request.quantity(),
                request.price().toPrice("price"), discounts, request.periodFraction(),
                request.at() != null ? request.at() : clock.instant()));
        return RatingView.of(rating);
    }
}
