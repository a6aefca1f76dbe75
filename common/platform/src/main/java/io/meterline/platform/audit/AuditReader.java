package io.meterline.platform.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads this service's audit log, newest first, optionally of one table or record. */
@ApplicationScoped
public class AuditReader {

    private static final String WHERE = " WHERE ($1::text IS NULL OR table_name = $1) AND ($2::text IS NULL OR "
            + "record_id = $2)";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    public Uni<Page<AuditEntry>> page(PageRequest request, String table, String recordId) {
        Uni<List<AuditEntry>> items = pool.preparedQuery("SELECT id, occurred_at, actor, actor_type, action, "
                + "table_name, record_id, old_values::text AS old_values, new_values::text AS new_values FROM audit_log"
                + WHERE + " ORDER BY occurred_at DESC, id DESC LIMIT $3 OFFSET $4")
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
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM audit_log" + WHERE)
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
