package io.meterline.pricing.discounts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.meterline.platform.db.Decimals;
import io.meterline.platform.paging.SortOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Discounts in the pricing database. */
@ApplicationScoped
public class DiscountRepository {

    private static final String COLUMNS = "id, name, type, value, currency, scope, plan_id, charge_key, client, "
            + "valid_from, valid_until, revision, archived, created_at, updated_at";
    private static final String FILTER = " WHERE ($1::text IS NULL OR scope = $1) AND ($2::uuid IS NULL OR plan_id = $2) "
            + "AND ($3::text IS NULL OR client = $3) AND ($4 OR NOT archived)";

    /** Each field the discount list sorts by (as the API names it) and its SQL; names sort case-insensitively. */
    private static final Map<String, String> SORT_COLUMNS = Map.of("name", "lower(name)", "type", "type",
            "value", "value", "currency", "currency", "scope", "scope", "client", "client",
            "validFrom", "valid_from", "validUntil", "valid_until", "createdAt", "created_at",
            "updatedAt", "updated_at");

    /** The fields of {@code ?sort=} on the discount list. */
    public static final Set<String> SORTABLE = SORT_COLUMNS.keySet();

    /** Oldest first, as the list always was. */
    public static final String DEFAULT_SORT = "createdAt";

    /** A page of the discounts the filters select, in {@code order} (then by id, so pages never overlap). */
    public Uni<List<DiscountRecord>> list(SqlClient db, String scope, UUID planId, String client,
            boolean includeArchived, SortOrder order, int limit, long offset) {
        // The ORDER BY is made of SORT_COLUMNS' expressions only, never of the caller's text: safe to concatenate.
        return db.preparedQuery("SELECT " + COLUMNS + " FROM discount" + FILTER
                + " ORDER BY " + order.toSql(SORT_COLUMNS, "id") + " LIMIT $5 OFFSET $6")
                .execute(Tuple.from(Arrays.asList(scope, planId, client, includeArchived, limit, offset)))
                .map(DiscountRepository::readAll);
    }

    public Uni<Long> count(SqlClient db, String scope, UUID planId, String client, boolean includeArchived) {
        return db.preparedQuery("SELECT count(*) FROM discount" + FILTER)
                .execute(Tuple.from(Arrays.asList(scope, planId, client, includeArchived)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<DiscountRecord> find(SqlClient db, UUID id, boolean forUpdate) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM discount WHERE id = $1" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id)).map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    /** The live discounts that can apply to a rating of {@code planId} for {@code client} (which may be null). */
    public Uni<List<DiscountRecord>> applicable(SqlClient db, UUID planId, String client) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM discount WHERE NOT archived AND "
                + "((scope IN ('PLAN', 'CHARGE') AND plan_id = $1) OR (scope = 'CLIENT' AND client = $2)) "
                + "ORDER BY created_at, id").execute(Tuple.of(planId, client)).map(DiscountRepository::readAll);
    }

    public Uni<DiscountRecord> insert(SqlClient db, UUID id, DiscountRequest r) {
        return db.preparedQuery("INSERT INTO discount (id, name, type, value, currency, scope, plan_id, charge_key, "
                + "client, valid_from, valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING "
                + COLUMNS).execute(values(id, r)).map(rows -> read(rows.iterator().next()));
    }

    public Uni<DiscountRecord> update(SqlClient db, UUID id, DiscountRequest r) {
        return db.preparedQuery("UPDATE discount SET name = $2, type = $3, value = $4, currency = $5, scope = $6, "
                + "plan_id = $7, charge_key = $8, client = $9, valid_from = $10, valid_until = $11, "
                + "revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(values(id, r)).map(rows -> read(rows.iterator().next()));
    }

    public Uni<DiscountRecord> archive(SqlClient db, UUID id) {
        return db.preparedQuery("UPDATE discount SET archived = true, revision = revision + 1, updated_at = now() "
                + "WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(id)).map(rows -> read(rows.iterator().next()));
    }

    private static Tuple values(UUID id, DiscountRequest r) {
        return Tuple.from(Arrays.asList(id, r.name().trim(), r.type(), r.value(), r.currency(), r.scope(), r.planId(),
                r.chargeKey(), r.client(), utc(r.validFrom()), utc(r.validUntil())));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static List<DiscountRecord> readAll(RowSet<Row> rows) {
        List<DiscountRecord> all = new ArrayList<>();
        rows.forEach(row -> all.add(read(row)));
        return all;
    }

    private static DiscountRecord read(Row row) {
        OffsetDateTime from = row.getOffsetDateTime("valid_from");
        OffsetDateTime until = row.getOffsetDateTime("valid_until");
        return new DiscountRecord(row.getUUID("id"), row.getString("name"), row.getString("type"),
                Decimals.stored(row.getBigDecimal("value")), row.getString("currency"), row.getString("scope"), row.getUUID("plan_id"),
                row.getString("charge_key"), row.getString("client"), from == null ? null : from.toInstant(),
                until == null ? null : until.toInstant(), row.getInteger("revision"), row.getBoolean("archived"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
