package io.meterline.metering.meters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Meters in the metering database. */
@ApplicationScoped
public class MeterRepository {

    private static final String COLUMNS = "id, api_name, display_name, unit, aggregation, unique_by, dimensions, "
            + "created_at, updated_at";

    public Uni<List<Meter>> all(SqlClient db) {
        return db.query("SELECT " + COLUMNS + " FROM meter ORDER BY api_name").execute().map(rows -> {
            List<Meter> meters = new ArrayList<>();
            rows.forEach(row -> meters.add(read(row)));
            return meters;
        });
    }

    public Uni<Meter> findByName(SqlClient db, String apiName, boolean forUpdate) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM meter WHERE api_name = $1" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(apiName)).map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    public Uni<Meter> insert(SqlClient db, UUID id, MeterRequest r) {
        return db.preparedQuery("INSERT INTO meter (id, api_name, display_name, unit, aggregation, unique_by, dimensions) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
                .execute(values(id, r)).map(rows -> read(rows.iterator().next()));
    }

    public Uni<Meter> update(SqlClient db, UUID id, MeterRequest r) {
        return db.preparedQuery("UPDATE meter SET api_name = $2, display_name = $3, unit = $4, aggregation = $5, "
                + "unique_by = $6, dimensions = $7, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(values(id, r)).map(rows -> read(rows.iterator().next()));
    }

    /** Whether any event of the meter is stored; then its aggregation is fixed. */
    public Uni<Boolean> hasEvents(SqlClient db, String apiName) {
        return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM usage_rollup WHERE meter = $1)").execute(Tuple.of(apiName))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static Tuple values(UUID id, MeterRequest r) {
        String[] dims = r.dimensions() == null ? new String[0] : r.dimensions().toArray(String[]::new);
        return Tuple.from(Arrays.asList(id, r.apiName(), r.displayName().trim(), r.unit(), r.aggregation(),
                r.uniqueBy(), dims));
    }

    private static Meter read(Row row) {
        return new Meter(row.getUUID("id"), row.getString("api_name"), row.getString("display_name"),
                row.getString("unit"), Aggregation.valueOf(row.getString("aggregation")), row.getString("unique_by"),
                List.of(row.getArrayOfStrings("dimensions")), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
