package io.meterline.platform.audit;

import java.util.ArrayList;
import java.util.List;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The service's audit log, newest first. */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who changed what, when, with the values before and after")
public class AuditResource {

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Page through the audit log", description = "Newest first. Filter by table and record id.")
    public Uni<Page<AuditEntry>> list(@QueryParam("page") @Parameter(description = "From 0") Integer page,
            @QueryParam("size") @Parameter(description = "1 to 500, default 50") Integer size,
            @QueryParam("table") @Parameter(description = "Only this table, such as price_plan") String table,
            @QueryParam("recordId") @Parameter(description = "Only this record") String recordId) {
        PageRequest request = PageRequest.of(page, size);
        String where = " WHERE ($1::text IS NULL OR table_name = $1) AND ($2::text IS NULL OR record_id = $2)";
        Uni<List<AuditEntry>> items = pool.preparedQuery("SELECT id, occurred_at, actor, actor_type, action, table_name, "
                + "record_id, old_values::text AS old_values, new_values::text AS new_values FROM audit_log" + where
                + " ORDER BY occurred_at DESC, id DESC LIMIT $3 OFFSET $4")
                .execute(Tuple.of(table, recordId, request.size(), request.offset()))
                .map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new AuditEntry(row.getLong("id"), row.getOffsetDateTime("occurred_at"),
                                row.getString("actor"), row.getString("actor_type"), row.getString("action"),
                                row.getString("table_name"), row.getString("record_id"),
                                parse(row.getString("old_values")), parse(row.getString("new_values"))));
                    }
                    return entries;
                });
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM audit_log" + where)
                .execute(Tuple.of(table, recordId)).map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(items, total).asTuple()
                .map(t -> new Page<>(t.getItem1(), request.page(), request.size(), t.getItem2()));
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
