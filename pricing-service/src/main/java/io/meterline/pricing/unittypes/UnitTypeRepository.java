package io.meterline.pricing.unittypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.meterline.platform.db.Decimals;
import io.meterline.platform.paging.SortOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Unit types in the pricing database. Every method takes the client or transaction to run on. */
@ApplicationScoped
public class UnitTypeRepository {

    private static final String COLUMNS = "id, name, description, meter, aggregation, auto_provision, currency, "
            + "commit_units, base_price, overage_rate, filter_on, filter_pattern, revision, created_at, updated_at";

    /** Each field the unit type list sorts by (as the API names it) and its SQL; names sort case-insensitively. */
    private static final Map<String, String> SORT_COLUMNS = Map.of("name", "lower(name)", "meter", "meter",
            "aggregation", "aggregation", "autoProvision", "auto_provision", "currency", "currency",
            "commitUnits", "commit_units", "basePrice", "base_price", "overageRate", "overage_rate",
            "createdAt", "created_at", "updatedAt", "updated_at");

    /** The fields of {@code ?sort=} on the unit type list. */
    public static final Set<String> SORTABLE = SORT_COLUMNS.keySet();

    /** By name, as the list always was: names are unique, case-insensitively. */
    public static final String DEFAULT_SORT = "name";

    /** A page of the live unit types in {@code order} (then by id, so pages never overlap). */
    public Uni<List<UnitType>> list(SqlClient db, SortOrder order, int limit, long offset) {
        // The ORDER BY is made of SORT_COLUMNS' expressions only, never of the caller's text: safe to concatenate.
        return db.preparedQuery("SELECT " + COLUMNS + " FROM unit_type WHERE NOT deleted ORDER BY "
                + order.toSql(SORT_COLUMNS, "id") + " LIMIT $1 OFFSET $2")
                .execute(Tuple.of(limit, offset)).map(rows -> {
                    List<UnitType> all = new ArrayList<>();
                    rows.forEach(row -> all.add(read(row)));
                    return all;
                });
    }

    public Uni<Long> count(SqlClient db) {
        return db.query("SELECT count(*) FROM unit_type WHERE NOT deleted").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The unit type, locked for update when {@code db} is a transaction. */
    public Uni<UnitType> find(SqlClient db, UUID id, boolean forUpdate) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM unit_type WHERE id = $1 AND NOT deleted"
                + (forUpdate ? " FOR UPDATE" : "")).execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    public Uni<Boolean> nameTaken(SqlClient db, String name, UUID except) {
        return db.preparedQuery("SELECT 1 FROM unit_type WHERE lower(name) = lower($1) AND NOT deleted "
                + "AND id IS DISTINCT FROM $2").execute(Tuple.of(name, except))
                .map(rows -> rows.iterator().hasNext());
    }

    public Uni<UnitType> insert(SqlClient db, UUID id, UnitTypeRequest r) {
        return db.preparedQuery("INSERT INTO unit_type (id, name, description, meter, aggregation, auto_provision, "
                + "currency, commit_units, base_price, overage_rate, filter_on, filter_pattern) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING " + COLUMNS)
                .execute(values(id, r)).map(rows -> read(rows.iterator().next()));
    }

    public Uni<UnitType> update(SqlClient db, UUID id, UnitTypeRequest r) {
        return db.preparedQuery("UPDATE unit_type SET name = $2, description = $3, meter = $4, aggregation = $5, "
                + "auto_provision = $6, currency = $7, commit_units = $8, base_price = $9, overage_rate = $10, "
                + "filter_on = $11, filter_pattern = $12, revision = revision + 1, updated_at = now() "
                + "WHERE id = $1 RETURNING " + COLUMNS)
                .execute(values(id, r)).map(rows -> read(rows.iterator().next()));
    }

    public Uni<UnitType> markDeleted(SqlClient db, UUID id) {
        return db.preparedQuery("UPDATE unit_type SET deleted = true, revision = revision + 1, updated_at = now() "
                + "WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(id)).map(rows -> read(rows.iterator().next()));
    }

    private static Tuple values(UUID id, UnitTypeRequest r) {
        return Tuple.from(java.util.Arrays.asList(id, r.name().trim(), r.description(), r.meter(), r.aggregation(),
                Boolean.TRUE.equals(r.autoProvision()), r.currency(), r.commitUnits(), r.basePrice(), r.overageRate(),
                r.filterOn(), r.filterPattern()));
    }

    private static UnitType read(Row row) {
        return new UnitType(row.getUUID("id"), row.getString("name"), row.getString("description"),
                row.getString("meter"), row.getString("aggregation"), row.getBoolean("auto_provision"),
                row.getString("currency"), Decimals.stored(row.getBigDecimal("commit_units")), Decimals.stored(row.getBigDecimal("base_price")),
                Decimals.stored(row.getBigDecimal("overage_rate")), row.getString("filter_on"), row.getString("filter_pattern"),
                row.getInteger("revision"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
