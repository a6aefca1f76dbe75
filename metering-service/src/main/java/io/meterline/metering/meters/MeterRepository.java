package io.meterline.metering.meters;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The meter reads of the ingest path, in hand-written SQL on the reactive client: {@link MeterCatalog}'s cache of
 * every meter, and whether a meter has stored events (a usage question, on {@code usage_rollup}). Admin changes go
 * through {@link MeterRecord} in {@link MeterService}.
 */
@ApplicationScoped
public class MeterRepository {

    private static final String COLUMNS = "id, api_name, display_name, unit, aggregation, unique_by, dimensions, "
            + "event_type, value_property, group_by::text AS group_by, created_at, updated_at";

    public Uni<List<Meter>> all(SqlClient db) {
        return db.query("SELECT " + COLUMNS + " FROM meter ORDER BY api_name").execute().map(rows -> {
            List<Meter> meters = new ArrayList<>();
            rows.forEach(row -> meters.add(read(row)));
            return meters;
        });
    }

    /** Whether any event of the meter is stored; then its aggregation is fixed. */
    public Uni<Boolean> hasEvents(SqlClient db, String apiName) {
        return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM usage_rollup WHERE meter = $1)").execute(Tuple.of(apiName))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static Meter read(Row row) {
        return new Meter(row.getUUID("id"), row.getString("api_name"), row.getString("display_name"),
                row.getString("unit"), Aggregation.valueOf(row.getString("aggregation")), row.getString("unique_by"),
                List.of(row.getArrayOfStrings("dimensions")), row.getString("event_type"),
                row.getString("value_property"),
                GroupByJson.read(row.getString("group_by")), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
