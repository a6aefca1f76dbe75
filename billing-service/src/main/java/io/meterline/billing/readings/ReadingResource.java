package io.meterline.billing.readings;

import java.time.Instant;

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
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Ids;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Billing readings: per bucket (or plan charge) and period, usage, billed amount, cost and margin. */
@Path("/api/v1/billing-readings")
@Tag(name = "Billing readings", description = "What each bucket and charge came to per period, and what it cost")
@Produces(MediaType.APPLICATION_JSON)
public class ReadingResource {

    @Inject
    ReadingService service;

    @Inject
    ReadingExport export;

    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Export readings as CSV", description = "One file per billing type (unit type): for each "
            + "client, its period that starts in the month, in the client's time zone. RFC 4180, streamed; text "
            + "cells that look like formulas are neutralized.")
    @APIResponse(responseCode = "200", description = "The CSV: a header row, then one row per reading",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A missing or malformed period, or an unknown unit type")
    @org.jboss.resteasy.reactive.ResponseHeader(name = "Content-Disposition",
            value = "attachment; filename=\"billing-readings.csv\"")
    public Multi<String> export(
            @Parameter(description = "YYYY-MM", required = true, example = "2026-11") @QueryParam("period")
            String period,
            @Parameter(description = "The unit type's id or name.", required = true) @QueryParam("unitType")
            String unitType) {
        return Multi.createFrom().uni(export.unitType(period, unitType))
                .onItem().transformToMultiAndConcatenate(found -> export.csv(period, found));
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List billing readings", description = "Newest period first, unless sort asks otherwise.")
    public Uni<Page<ReadingView>> list(@QueryParam("client") String client, @QueryParam("bucket") String bucket,
            @Parameter(description = "Only the period starting at this instant.") @QueryParam("periodStart")
            String periodStart,
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: periodStart, periodEnd, client, meter, sourceType, chargeKey, currency, "
                    + "usage, commitUnits, overageUnits, overageAmount, bufferUnits, bufferAmount, baseAmount, "
                    + "billedAmount, cost, uncostedUsage, finalized. Default: -periodStart,client,meter.",
                    example = "-billedAmount")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Instant start = null;
        if (periodStart != null) {
            try {
                start = Instant.parse(periodStart);
            } catch (java.time.format.DateTimeParseException e) {
                throw ProblemException.invalidField("periodStart", "must be an instant such as 2026-11-01T00:00:00Z");
            }
        }
        return service.list(client == null ? null : Ids.parse(client, "client"),
                bucket == null ? null : Ids.parse(bucket, "bucket"), start,
                SortOrder.parse(sort, ReadingService.SORTABLE, ReadingService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }
}
