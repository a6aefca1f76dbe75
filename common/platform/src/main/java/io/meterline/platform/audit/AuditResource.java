package io.meterline.platform.audit;

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
import io.meterline.platform.security.Roles;
import io.quarkus.arc.properties.UnlessBuildProperty;
import io.smallrye.mutiny.Uni;

/**
 * The service's audit log, newest first. admin-gateway answers the same path with every service's log merged, so it
 * builds without this one ({@code meterline.audit.merged=true}).
 */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who changed what, when, with the values before and after")
@UnlessBuildProperty(name = "meterline.audit.merged", stringValue = "true", enableIfMissing = true)
public class AuditResource {

    @Inject
    AuditReader reader;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Page through the audit log", description = "Newest first. Filter by table and record id.")
    public Uni<Page<AuditEntry>> list(@QueryParam("page") @Parameter(description = "From 0") Integer page,
            @QueryParam("size") @Parameter(description = "1 to 500, default 50") Integer size,
            @QueryParam("table") @Parameter(description = "Only this table, such as price_plan") String table,
            @QueryParam("recordId") @Parameter(description = "Only this record") String recordId) {
        return reader.page(PageRequest.of(page, size), table, recordId);
    }
}
