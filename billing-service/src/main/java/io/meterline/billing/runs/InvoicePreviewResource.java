package io.meterline.billing.runs;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Ids;
import io.smallrye.mutiny.Uni;

/** A client's open period, rated now. */
@Path("/api/v1/clients/{id}/invoice-preview")
@Tag(name = "Clients")
@Produces(MediaType.APPLICATION_JSON)
public class InvoicePreviewResource {

    @Inject
    InvoicePreviewService service;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Preview the open period's invoice", description = "Rated now from metering's usage up to "
            + "the last whole hour, with the same lines and readings a run would write; nothing is stored.")
    @APIResponse(responseCode = "200", description = "The open period's invoice, as a run would write it now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoicePreview.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    @APIResponse(responseCode = "409", description = "The client is not billed now (not started, or ended)")
    public Uni<InvoicePreview> preview(@PathParam("id") String id) {
        return service.preview(Ids.parse(id, "client"));
    }
}
