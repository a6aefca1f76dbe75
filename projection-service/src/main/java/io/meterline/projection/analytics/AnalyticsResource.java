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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
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
            + "metered cost, margin and margin %, grouped, a page of groups at a time (by currency, then revenue, "
            + "highest first). A period belongs to the range by its start. Figures are per currency, never "
            + "converted: overall, the totals over every group, is one row, or a list of one row per currency.")
    @APIResponse(responseCode = "200", description = "A page of groups, with the totals over every group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MarginReport.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed instant, from not before to, a range "
            + "over 36 months, an unknown grouping, or a bad page")
    public Uni<MarginReport> margin(
            @Parameter(required = true, example = "2026-01-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(required = true, example = "2027-01-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "client", "meter", "dimension",
                    "sourceType" }, defaultValue = "client")) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "The dimension key, when grouping by dimension.", example = "model")
            @QueryParam("dimension") String dimension,
            @Parameter(description = "Only this client (billing's client id).") @QueryParam("client") String client,
            @Parameter(description = "The page, from 0.", example = "0") @QueryParam("page") Integer page,
            @Parameter(description = "Rows per page, 1–500 (default 50).", example = "50") @QueryParam("size")
            Integer size) {
        AnalyticsRange range = AnalyticsRange.parse(from, to);
        return margin.margin(range, groupBy, dimension, client == null ? null : Ids.parse(client, "client"),
                PageRequest.of(page, size));
    }

    @Inject
    ReconciliationService reconciliation;

    @Inject
    OverUnderService overUnder;

    @Inject
    DashboardService dashboard;

    @GET
    @Path("/dashboard")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "The dashboard's figures", description = "Projected revenue this period, month over month, "
            + "top clients and their share, revenue by source type and per client last period, client status last "
            + "period, new overages (projected over a commit they were under last period) and health.")
    public Uni<Dashboard> dashboard() {
        return dashboard.dashboard();
    }

    @GET
    @Path("/over-under")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Over/under-commit analysis", description = "Each client's status in its last closed "
            + "period (filtered), the overage $ against buffer $ trend over 12 months, right-size candidates, the "
            + "total buffer and the figures per unit type.")
    @APIResponse(responseCode = "200", description = "The over/under-commit figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OverUnder.class)))
    @APIResponse(responseCode = "400", description = "An unknown status filter or a bad limit")
    public Uni<OverUnder> overUnder(
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "all", "over", "under", "mixed" },
                    defaultValue = "all")) @QueryParam("status") String status,
            @Parameter(description = "Clients listed, 1–1000 (default 200).") @QueryParam("limit") Integer limit) {
        return overUnder.overUnder(status, limit == null ? 200 : limit);
    }

    @GET
    @Path("/unit-economics")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Unit economics for a range", description = "Per client, meter or dimension value, and "
            + "per meter (a per-unit figure needs one unit): usage, revenue, metered cost, revenue and cost per unit, "
            + "and the contribution margin. Revenue and cost as in the margin figures; per currency; a page of rows "
            + "at a time, by currency, then revenue (highest first).")
    @APIResponse(responseCode = "200", description = "A page of unit-economics rows")
    @APIResponse(responseCode = "400", description = "A bad range, grouping or page")
    public Uni<Page<UnitEconomicsRow>> unitEconomics(
            @Parameter(required = true, example = "2026-01-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(required = true, example = "2027-01-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "client", "meter", "dimension" },
                    defaultValue = "client")) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "The dimension key, when grouping by dimension.", example = "model")
            @QueryParam("dimension") String dimension,
            @Parameter(description = "Only this client (billing's client id).") @QueryParam("client") String client,
            @Parameter(description = "The page, from 0.", example = "0") @QueryParam("page") Integer page,
            @Parameter(description = "Rows per page, 1–500 (default 50).", example = "50") @QueryParam("size")
            Integer size) {
        return margin.unitEconomics(AnalyticsRange.parse(from, to), groupBy, dimension,
                client == null ? null : Ids.parse(client, "client"), PageRequest.of(page, size));
    }

    @GET
    @Path("/reconciliation")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Reconciliation score of closed periods", description = "For every client period that "
            + "starts in the range (invoiced, not void), and each meter: metering's stored total, projection's "
            + "real-time total and the usage billing billed; the share that agree exactly, and the ones that do not. "
            + "At most 5,000 client periods per request.")
    @APIResponse(responseCode = "200", description = "The score, and the meters whose totals disagree",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Reconciliation.class)))
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
    @APIResponse(responseCode = "200", description = "One row per month and currency, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = MarginRow.class)))
    @APIResponse(responseCode = "400", description = "months outside 1–36")
    public Uni<List<MarginRow>> trend(
            @Parameter(example = "12") @QueryParam("months") Integer months,
            @Parameter(description = "Only this client (billing's client id).") @QueryParam("client") String client) {
        return margin.trend(months == null ? 12 : months, client == null ? null : Ids.parse(client, "client"));
    }
}
