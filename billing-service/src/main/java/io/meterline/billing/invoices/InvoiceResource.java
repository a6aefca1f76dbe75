package io.meterline.billing.invoices;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Invoices: finalized by billing runs, then paid or voided. */
@Path("/api/v1/invoices")
@Tag(name = "Invoices", description = "Finalized invoices, their lines, payment and voiding")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    @Inject
    InvoiceService service;

    @Inject
    SecurityIdentity identity;

    /** Why an invoice is voided. */
    @Schema(name = "VoidRequest")
    public record VoidRequest(@Schema(required = true, examples = "Billed to the wrong client") String reason) {
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List invoices", description = "Newest period first unless sort asks otherwise, with "
            + "their lines.")
    public Uni<Page<InvoiceView>> list(@QueryParam("client") String client, @QueryParam("status") String status,
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: periodStart, periodEnd, number, currency, status, total, creditCarried, "
                    + "issuedAt, dueAt, paidAt, voidedAt. Default: -periodStart,-number.", example = "status,-total")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(client == null ? null : Ids.parse(client, "client"), status,
                SortOrder.parse(sort, InvoiceService.SORTABLE, InvoiceService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get an invoice")
    @APIResponse(responseCode = "200", description = "The invoice, with its lines",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceView.class)))
    @APIResponse(responseCode = "404", description = "No such invoice")
    public Uni<InvoiceView> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "invoice"));
    }

    @POST
    @Path("/{id}/pay")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Mark an invoice paid", description = "Audited.")
    @APIResponse(responseCode = "200", description = "The invoice, now paid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceView.class)))
    @APIResponse(responseCode = "409", description = "The invoice is not finalized (already paid, or void)")
    public Uni<InvoiceView> pay(@PathParam("id") String id) {
        return service.markPaid(Ids.parse(id, "invoice"), Actor.of(identity));
    }

    @POST
    @Path("/{id}/stripe-sync")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Send a failed Stripe sync again", description = "Audited.")
    @APIResponse(responseCode = "200", description = "The invoice, with its Stripe sync",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceView.class)))
    @APIResponse(responseCode = "409", description = "The invoice's sync did not fail")
    public Uni<InvoiceView> resync(@PathParam("id") String id) {
        return service.resync(Ids.parse(id, "invoice"), Actor.of(identity));
    }

    @POST
    @Path("/{id}/void")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Void an invoice", description = "Admins only; audited. Its lines stay as they were.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "void", value = """
            {"reason":"Billed to the wrong client"}""")))
    @APIResponse(responseCode = "200", description = "The invoice, now void",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceView.class)))
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "409", description = "Already void")
    public Uni<InvoiceView> voidInvoice(@PathParam("id") String id, VoidRequest request) {
        return service.voidInvoice(Ids.parse(id, "invoice"), Bodies.require(request, "a reason").reason(),
                Actor.of(identity));
    }
}
