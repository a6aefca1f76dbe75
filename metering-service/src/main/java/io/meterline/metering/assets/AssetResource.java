package io.meterline.metering.assets;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.metering.usage.UsageQuery;
import io.meterline.metering.usage.UsageRow;
import io.meterline.metering.usage.UsageService;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Assets discovered at ingest: review, name, assign to a client, disregard. */
@Path("/api/v1/assets")
@Tag(name = "Assets", description = "Metered resources discovered from events")
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    @Inject
    AssetService service;

    @Inject
    UsageService usage;

    @Inject
    SecurityIdentity identity;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List assets", description = "Most recently seen first, unless sort asks otherwise. "
            + "Disregarded assets only with disregarded=true.")
    public Uni<Page<Asset>> list(
            @QueryParam("new") @Parameter(description = "true: not acknowledged yet") Boolean isNew,
            @QueryParam("unassigned") @Parameter(description = "true: no client yet") Boolean unassigned,
            @QueryParam("disregarded") @Parameter(description = "true: the disregarded ones") boolean disregarded,
            @QueryParam("client") String client, @QueryParam("source") String source,
            @QueryParam("q") @Parameter(description = "Text in the id, name or description") String search,
            @QueryParam("sort") @Parameter(description = "Order of the list: fields separated by commas, each with "
                    + "a leading '-' for descending. Fields: id, name, source, client, acknowledged, enabled, "
                    + "firstSeen, lastSeen, createdAt, updatedAt. Default: -lastSeen.", example = "client,-lastSeen")
            String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(new AssetRepository.Filter(isNew, unassigned, disregarded, client, source, search),
                SortOrder.parse(sort, AssetRepository.SORTABLE, AssetRepository.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get an asset")
    public Uni<Asset> get(@PathParam("id") String id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/ack")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Acknowledge a new asset")
    public Uni<Asset> acknowledge(@PathParam("id") String id) {
        return service.change(id, "acknowledge", a -> copy(a, a.name(), a.description(), a.client(), true, a.enabled(),
                a.disregarded()), Actor.of(identity));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Change an asset's name, description or enabled flag")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "rename", value = """
            {"name":"EU gateway 1","description":"Primary LLM gateway in eu-west-1","enabled":true}""")))
    public Uni<Asset> patch(@PathParam("id") String id, Map<String, Object> changes) {
        Bodies.require(changes, "a change");
        List<Problem.FieldError> errors = new ArrayList<>();
        changes.forEach((field, value) -> {
            boolean ok = switch (field) {
                case "name", "description" -> value == null || (value instanceof String s && s.length() <= 1000);
                case "enabled" -> value instanceof Boolean;
                default -> false;
            };
            if (!ok) {
                errors.add(new Problem.FieldError(field, field.equals("enabled") ? "must be true or false"
                        : List.of("name", "description").contains(field) ? "must be text of at most 1000 characters"
                                : "cannot be changed here; only name, description and enabled"));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The change", errors);
        }
        return service.change(id, "update", a -> copy(a,
                changes.containsKey("name") ? (String) changes.get("name") : a.name(),
                changes.containsKey("description") ? (String) changes.get("description") : a.description(),
                a.client(), a.acknowledged(),
                changes.containsKey("enabled") ? (Boolean) changes.get("enabled") : a.enabled(), a.disregarded()),
                Actor.of(identity));
    }

    @PUT
    @Path("/{id}/client")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Assign the asset to a client",
            description = "Its events that have no customer count for that client from now on, the earlier ones too. "
                    + "Send {\"client\": null} to unassign.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "assign", value = "{\"client\":\"acme\"}")))
    public Uni<Asset> assign(@PathParam("id") String id, Map<String, String> body) {
        Bodies.require(body, "a client");
        String client = body.get("client");
        if (!body.containsKey("client") || body.size() != 1 || (client != null && (client.isBlank() || client.length() > 256))) {
            throw ProblemException.invalidField("client", "send {\"client\": \"<customer id>\"}, or null to unassign");
        }
        return service.assign(id, client, Actor.of(identity));
    }

    @POST
    @Path("/{id}/disregard")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Disregard an asset", description = "Hidden from default views and excluded from usage totals "
            + "and billing; its history is kept.")
    public Uni<Asset> disregard(@PathParam("id") String id) {
        return service.change(id, "disregard", a -> copy(a, a.name(), a.description(), a.client(), a.acknowledged(),
                a.enabled(), true), Actor.of(identity));
    }

    @POST
    @Path("/{id}/restore")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Restore a disregarded asset")
    public Uni<Asset> restore(@PathParam("id") String id) {
        return service.change(id, "restore", a -> copy(a, a.name(), a.description(), a.client(), a.acknowledged(),
                a.enabled(), false), Actor.of(identity));
    }

    @GET
    @Path("/{id}/usage")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "The asset's daily usage per meter", description = "The last `days` days (1 to 366, default 30), "
            + "each meter with its own aggregation.")
    public Uni<Map<String, List<UsageRow>>> usage(@PathParam("id") String id, @QueryParam("days") Integer days) {
        int n = days == null ? 30 : days;
        if (n < 1 || n > 366) {
            throw ProblemException.invalidField("days", "must be between 1 and 366");
        }
        Instant to = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant from = to.minus(n, ChronoUnit.DAYS);
        return service.get(id).chain(asset -> pool.preparedQuery("SELECT DISTINCT meter FROM usage_rollup "
                + "WHERE asset = $1 AND hour >= $2 ORDER BY meter").execute(Tuple.of(id, from.atOffset(java.time.ZoneOffset.UTC))))
                .chain(rows -> {
                    List<String> meters = new ArrayList<>();
                    rows.forEach(r -> meters.add(r.getString(0)));
                    return Multi.createFrom().iterable(meters).onItem().transformToUniAndConcatenate(meter -> usage.query(
                            new UsageQuery(meter, from, to, null, id, List.of(), "DAY", null, true), null)
                            .map(series -> Map.entry(meter, series))).collect().asList();
                }).map(entries -> {
                    Map<String, List<UsageRow>> byMeter = new LinkedHashMap<>();
                    entries.forEach(e -> byMeter.put(e.getKey(), e.getValue()));
                    return byMeter;
                });
    }

    private static Asset copy(Asset a, String name, String description, String client, boolean acknowledged,
            boolean enabled, boolean disregarded) {
        return new Asset(a.id(), name, description, a.source(), client, acknowledged, enabled, disregarded,
                a.firstSeen(), a.lastSeen(), a.createdAt(), a.updatedAt());
    }
}
