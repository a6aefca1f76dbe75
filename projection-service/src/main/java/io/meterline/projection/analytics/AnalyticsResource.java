package io.meterline.projection.analytics;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Ids;
import io.smallrye.mutiny.Uni;

/** Margin analytics: the numbers the console's margin screen draws. */
@Path("/api/v1/analytics")
@Tag(name = "Analytics", description = "Revenue, metered cost and margin; unit economics; over/under; the dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    @Inject
    MarginService margin;

    @GET
    @Path("/margin")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Margin for a range", description = "Revenue (invoiced after discounts for closed periods, "
            + "void invoices left out, adjustments in the period they correct; projected for the open period), "
            + "metered cost, margin and margin %, grouped. A period belongs to the range by its start. Figures are "
            + "per currency, never converted: overall is one row, or a list of one row per currency.")
    @APIResponse(responseCode = "400", description = "A missing or malformed instant, from not before to, a range "
            + "over 36 months, or an unknown grouping")
    public Uni<MarginReport> margin(
            @Parameter(required = true, example = "2026-01-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(required = true, example = "2027-01-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "client", "meter", "dimension",
                    "sourceType" }, defaultValue = "client")) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "The dimension key, when grouping by dimension.", example = "model")
            @QueryParam("dimension") String dimension,
            @Parameter(description = "Only this client (billing's client id).") @QueryParam("client") String client) {
        AnalyticsRange range = AnalyticsRange.parse(from, to);
        return margin.margin(range, groupBy, dimension, client == null ? null : Ids.parse(client, "client"));
    }

    @Inject
    ReconciliationService reconciliation;

    @GET
    @Path("/reconciliation")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Reconciliation score of closed periods", description = "For every client period that "
            + "starts in the range (invoiced, not void), and each meter: metering's stored total, projection's "
            + "real-time total and the usage billing billed; the share that agree exactly, and the ones that do not. "
            + "At most 5,000 client periods per request.")
    @APIResponse(responseCode = "400", description = "A bad range, or one holding too many periods")
    public Uni<Reconciliation> reconciliation(
            @Parameter(required = true, example = "2026-10-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(required = true, example = "2026-11-01T00:00:00Z") @QueryParam("to") String to) {
        return reconciliation.reconcile(AnalyticsRange.parse(from, to), false);
    }

    @GET
    @Path("/margin/trend")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Rolling margin trend", description = "Revenue, metered cost, margin and margin % per month "
            + "(the UTC month a period starts in) over the last months, this one (projected) included; one row per "
            + "month and currency, key YYYY-MM.")
    @APIResponse(responseCode = "400", description = "months outside 1–36")
    public Uni<List<MarginRow>> trend(
            @Parameter(example = "12") @QueryParam("months") Integer months,
            @Parameter(description = "Only this client (billing's client id).") @QueryParam("client") String client) {
        return margin.trend(months == null ? 12 : months, client == null ? null : Ids.parse(client, "client"));
    }
}
