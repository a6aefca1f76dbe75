package io.meterline.pricing.plans;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
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

/**
 * The endpoints price plans and cost-rate plans share; each subclass binds them to its path and kind. Each states its
 * roles for the OpenAPI document too: SmallRye does not read {@code @RolesAllowed} on inherited methods, and clients
 * and the auth matrix test read the roles from the document.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class PlanEndpoints {

    static final String PLAN_EXAMPLE = """
            {"name":"AI platform 2026","description":"Tokens by model, plus a platform fee","currency":"USD",
             "charges":[
               {"key":"tokens","meter":"llm_tokens","description":"LLM tokens",
                "price":{"model":"PER_UNIT","unitPrice":"0.000002"},
                "dimensionPrices":[{"match":{"model":"gpt-4o"},"price":{"model":"GRADUATED","tiers":[
                   {"upTo":"1000000","unitPrice":"0.000010"},{"upTo":null,"unitPrice":"0.000008"}]}}]},
               {"key":"platform","meter":"seats","description":"Platform fee","price":{"model":"FLAT","amount":"99.00"}}]}""";

    @Inject
    PlanService plans;

    @Inject
    SecurityIdentity identity;

    protected abstract PlanKind kind();

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @SecurityRequirement(name = "bearer", scopes = { Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List plans", description = "Sorted by name, unless sort asks otherwise; filter by client "
            + "for negotiated terms.")
    public Uni<Page<Plan>> list(@QueryParam("client") String client,
            @QueryParam("sort") @Parameter(description = "Order of the list: fields separated by commas, each with "
                    + "a leading '-' for descending. Fields: name, currency, client, createdAt, updatedAt. "
                    + "Default: name.", example = "client,-updatedAt")
            String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return plans.list(kind(), client, SortOrder.parse(sort, PlanService.SORTABLE, PlanService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @SecurityRequirement(name = "bearer", scopes = { Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a plan: its draft and its versions")
    @APIResponse(responseCode = "200", description = "The plan, with its draft and its versions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Plan.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    public Uni<Plan> get(@PathParam("id") String id) {
        return plans.get(kind(), Ids.parse(id, kind().label()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @SecurityRequirement(name = "bearer", scopes = { Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Create a plan with a draft", description = "Nothing is in effect until a version is published.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "tokens by model", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Plan.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Uni<RestResponse<Plan>> create(PlanRequest request) {
        return plans.create(kind(), Bodies.require(request, "a plan"), Actor.of(identity))
                .map(plan -> Created.at(kind().path() + "/" + plan.id(), plan));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @SecurityRequirement(name = "bearer", scopes = { Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Replace the draft", description = "Published versions never change.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "tokens by model", value = PLAN_EXAMPLE)))
    public Uni<Plan> replaceDraft(@PathParam("id") String id, PlanRequest request) {
        return plans.replaceDraft(kind(), Ids.parse(id, kind().label()), Bodies.require(request, "a plan"), Actor.of(identity));
    }

    @POST
    @Path("/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer", scopes = { Roles.ADMIN })
    @Operation(summary = "Publish the draft as the next version",
            description = "Immutable from then on; announced on meterline.pricing.catalog. Admins only.")
    @RequestBody(required = false,
            content = @Content(examples = @ExampleObject(name = "from December", value = "{\"effectiveFrom\":\"2026-12-01T00:00:00Z\"}")))
    @APIResponse(responseCode = "201", description = "The new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanVersion.class)))
    @APIResponse(responseCode = "409", description = "An empty draft, or effectiveFrom not after the latest version's")
    public Uni<RestResponse<PlanVersion>> publish(@PathParam("id") String id, PublishRequest request) {
        return plans.publish(kind(), Ids.parse(id, kind().label()), request, Actor.of(identity))
                .map(v -> Created.at(kind().path() + "/" + v.planId() + "/versions/" + v.version(), v));
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @SecurityRequirement(name = "bearer", scopes = { Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List a plan's published versions", description = "Oldest first.")
    public Uni<List<Plan.VersionSummary>> versions(@PathParam("id") String id) {
        return plans.versions(kind(), Ids.parse(id, kind().label()));
    }

    @GET
    @Path("/{id}/versions/{version}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @SecurityRequirement(name = "bearer", scopes = { Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get one published version with its charges")
    public Uni<PlanVersion> version(@PathParam("id") String id, @PathParam("version") int version) {
        return plans.version(kind(), Ids.parse(id, kind().label()), version);
    }

}
