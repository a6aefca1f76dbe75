package io.meterline.gateway.views;

import java.time.Clock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.gateway.routing.CallerToken;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The console's screens that read several services, each answered in one call. */
@Path("/api/v1/views")
@Tag(name = "Views", description = "Screens that read several services at once; a panel whose service is down says so")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
@Produces(MediaType.APPLICATION_JSON)
public class ViewResource {

    private static final String EXAMPLE = """
            {"panels":{
              "summary":{"status":"ok","service":"projection-service","data":{"projectedRevenue":[
                {"currency":"EUR","amount":"18250.00"}]},"tookMs":41},
              "lastBillingRun":{"status":"unavailable","service":"billing-service",
                "error":"billing-service did not answer within 5000 ms.","tookMs":5001}},
             "generatedAt":"2026-11-30T08:00:00Z"}""";

    @Inject
    ViewAssembler views;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @GET
    @Path("/dashboard")
    @Operation(summary = "The dashboard", description = "Panels: summary (projection-service's dashboard figures), "
            + "revenueTrend (revenue, cost and margin by month, 12 months), newAssets, lastBillingRun, and meteringHealth, pricingHealth, billingHealth, projectionHealth (each "
            + "service's readiness: database and Kafka).")
    @APIResponse(responseCode = "200", description = "The panels", content = @Content(
            schema = @Schema(implementation = View.class), examples = @ExampleObject(name = "billing down",
                    value = EXAMPLE)))
    public Uni<View> dashboard() {
        return views.assemble(Views.dashboard(), CallerToken.of(identity));
    }

    @GET
    @Path("/health")
    @Operation(summary = "Each service's health", description = "Panels: meteringHealth, pricingHealth, "
            + "billingHealth, projectionHealth (readiness: database, Kafka) and lastBillingRun.")
    @APIResponse(responseCode = "200", description = "The panels", content = @Content(
            schema = @Schema(implementation = View.class)))
    public Uni<View> health() {
        return views.assemble(Views.health(), CallerToken.of(identity));
    }

    @GET
    @Path("/clients/{id}")
    @Operation(summary = "A client's page", description = "Panels: client, buckets, projections (each bucket's "
            + "current and projected usage and cost), invoices (the last 24), readings (the billing history), marginTrend (12 months) and alerts.")
    @APIResponse(responseCode = "200", description = "The panels", content = @Content(
            schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "404", description = "No such client", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<View> client(@PathParam("id") @Parameter(description = "Billing's client id") String id) {
        return views.assemble(Views.client(Ids.parse(id, "client")), CallerToken.of(identity)).map(view -> {
            Panel client = view.panels().get("client");
            if (client.serviceStatus() != null && client.serviceStatus() == 404) {
                throw ProblemException.notFound("No client " + id + ".");
            }
            return view;
        });
    }

    @GET
    @Path("/margin")
    @Operation(summary = "The margin screen", description = "Panels over [from, to): byClient and byMeter "
            + "(revenue, metered cost, margin), unitEconomics, trend (rolling 12 months) and unassignedAssets (usage "
            + "no client is billed for).")
    @APIResponse(responseCode = "200", description = "The panels", content = @Content(
            schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "A bad from or to", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<View> margin(
            @QueryParam("from") @Parameter(description = "Default: the first day of the month two months ago, UTC",
                    example = "2026-09-01T00:00:00Z") String from,
            @QueryParam("to") @Parameter(description = "Default: the first day of next month, UTC",
                    example = "2026-12-01T00:00:00Z") String to) {
        return views.assemble(Views.margin(Views.Range.of(from, to, clock.instant())), CallerToken.of(identity));
    }

    @GET
    @Path("/over-under")
    @Operation(summary = "The over/under screen", description = "Panels: overUnder (projection-service's analysis: "
            + "each client's status, the 12-month trend, right-size candidates, per unit type) and unitTypes.")
    @APIResponse(responseCode = "200", description = "The panels", content = @Content(
            schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "An unknown status", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<View> overUnder(@QueryParam("status") @Parameter(description = "all, over, under or mixed",
            example = "over") String status) {
        return views.assemble(Views.overUnder(status), CallerToken.of(identity));
    }
}
