package io.meterline.projection.alerts;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Created;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Alert rules, their history and their webhook deliveries. */
@Path("/api/v1/alert-rules")
@Tag(name = "Alerts", description = "Rules on usage, cost, commit, projections, margin and cost-per-unit anomalies")
@Produces(MediaType.APPLICATION_JSON)
public class AlertRuleResource {

    static final String EXAMPLE = """
            {"name": "Acme projected over its vCPU commit", "kind": "PROJECTED_OVERAGE",
             "scope": {"client": "0b9f5c1e-8f3a-4a51-9d0e-6c1b2f7a9e10"}, "threshold": 100, "warningAt": 90,
             "webhook": {"url": "https://hooks.example.com/meterline"}}""";

    @Inject
    AlertRuleService rules;

    @Inject
    AlertQueries queries;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Create an alert rule", description = "Audited. With a webhook, the answer holds its "
            + "signing secret, shown this once.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "projected overage", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named (a webhook URL must be http(s))")
    @APIResponse(responseCode = "404", description = "An unknown client or bucket in the scope")
    public Uni<RestResponse<AlertRuleView>> create(AlertRuleRequest request) {
        return rules.create(Bodies.require(request, "an alert rule"), Actor.of(identity))
                .map(created -> Created.at("/api/v1/alert-rules/" + created.id(), created));
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List alert rules", description = "Oldest first, unless sort asks otherwise; secrets are "
            + "never shown again.")
    public Uni<Page<AlertRuleView>> list(
            @QueryParam("sort") @Parameter(description = "Order of the list: fields separated by commas, each with "
                    + "a leading '-' for descending. Fields: name, kind, threshold, warningAt, enabled, createdAt, "
                    + "updatedAt. Default: createdAt.", example = "kind,name") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return rules.list(SortOrder.parse(sort, AlertRuleService.SORTABLE, AlertRuleService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get an alert rule")
    @APIResponse(responseCode = "200", description = "The rule, without its webhook secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<AlertRuleView> get(@PathParam("id") String id) {
        return rules.get(Ids.parse(id, "alert rule"));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Replace an alert rule's definition", description = "The whole definition, as at creation; "
            + "the rule stays enabled or disabled. When its kind or scope changes, its states start over (its history "
            + "stays). A webhook keeps its signing secret; a webhook added to a rule that had none gets one, shown in "
            + "this answer only. Audited.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "projected overage", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The rule as it now is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; nothing changed")
    @APIResponse(responseCode = "404", description = "No such rule, or an unknown client or bucket in the scope")
    public Uni<AlertRuleView> replace(@PathParam("id") String id, AlertRuleRequest request) {
        return rules.replace(Ids.parse(id, "alert rule"), Bodies.require(request, "an alert rule"),
                Actor.of(identity));
    }

    @POST
    @Path("/{id}/enable")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Enable an alert rule", description = "Audited.")
    @APIResponse(responseCode = "200", description = "The rule, now enabled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<AlertRuleView> enable(@PathParam("id") String id) {
        return rules.setEnabled(Ids.parse(id, "alert rule"), true, Actor.of(identity));
    }

    @POST
    @Path("/{id}/disable")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Disable an alert rule", description = "It keeps its state and history but is no longer "
            + "evaluated. Audited.")
    @APIResponse(responseCode = "200", description = "The rule, now disabled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<AlertRuleView> disable(@PathParam("id") String id) {
        return rules.setEnabled(Ids.parse(id, "alert rule"), false, Actor.of(identity));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Delete an alert rule", description = "With its states, history and deliveries. Audited.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<Void> delete(@PathParam("id") String id) {
        return rules.delete(Ids.parse(id, "alert rule"), Actor.of(identity));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "A rule's state changes", description = "Newest first, unless sort asks otherwise.")
    @APIResponse(responseCode = "200", description = "A page of the rule's state changes")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<Page<AlertViews.History>> history(@PathParam("id") String id,
            @QueryParam("sort") @Parameter(description = "Order of the list: fields separated by commas, each with "
                    + "a leading '-' for descending. Fields: at, scope, from, to, value, threshold, notified. "
                    + "Default: -at.", example = "scope,-at") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return queries.history(Ids.parse(id, "alert rule"),
                SortOrder.parse(sort, AlertQueries.HISTORY_SORTABLE, AlertQueries.HISTORY_DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "A rule's webhook deliveries", description = "Newest first unless sort asks otherwise, "
            + "each with its attempts: when, the receiver's status code or the error, how long it took.")
    @APIResponse(responseCode = "200", description = "A page of the rule's webhook deliveries, with their attempts")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<Page<AlertViews.Delivery>> deliveries(@PathParam("id") String id,
            @QueryParam("sort") @Parameter(description = "Order of the list: fields separated by commas, each with "
                    + "a leading '-' for descending. Fields: createdAt, deliveredAt, nextAttemptAt, status, "
                    + "attempts, url. Default: -createdAt.", example = "status,-createdAt") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return queries.deliveries(Ids.parse(id, "alert rule"),
                SortOrder.parse(sort, AlertQueries.DELIVERIES_SORTABLE, AlertQueries.DELIVERIES_DEFAULT_SORT),
                PageRequest.of(page, size));
    }
}
