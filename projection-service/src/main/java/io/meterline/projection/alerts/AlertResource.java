package io.meterline.projection.alerts;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Ids;
import io.smallrye.mutiny.Uni;

/** Alerts as they stand: every rule's state per scope. */
@Path("/api/v1/alerts")
@Tag(name = "Alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    @Inject
    AlertQueries queries;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Current alert states", description = "FIRING first, then WARNING, then OK, unless sort "
            + "asks otherwise.")
    public Uni<Page<AlertViews.Alert>> list(
            @Parameter(description = "OK, WARNING or FIRING") @QueryParam("status") String status,
            @QueryParam("rule") String rule, @Parameter(description = "Billing's client id.")
            @QueryParam("client") String client,
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: status, rule, scope, client, since, value, periodStart, notifiedPeriod, "
                    + "evaluatedAt; status sorts by severity (FIRING, WARNING, OK). Default: status.",
                    example = "-since") @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return queries.alerts(status, rule == null ? null : Ids.parse(rule, "alert rule"),
                client == null ? null : Ids.parse(client, "client"),
                SortOrder.parse(sort, AlertQueries.ALERTS_SORTABLE, AlertQueries.ALERTS_DEFAULT_SORT),
                PageRequest.of(page, size));
    }
}
