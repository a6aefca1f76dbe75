package io.meterline.metering.assets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.meterline.platform.paging.SortOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Assets in the metering database. */
@ApplicationScoped
public class AssetRepository {

    private static final String COLUMNS = "id, name, description, source, client, acknowledged, enabled, disregarded, "
            + "first_seen, last_seen, created_at, updated_at";

    /** Each field the asset list sorts by (as the API names it) and its SQL; names sort case-insensitively. */
    private static final Map<String, String> SORT_COLUMNS = Map.of("id", "id", "name", "lower(name)",
            "source", "source", "client", "client", "acknowledged", "acknowledged", "enabled", "enabled",
            "firstSeen", "first_seen", "lastSeen", "last_seen", "createdAt", "created_at", "updatedAt", "updated_at");

    /** The fields of {@code ?sort=} on the asset list. */
    public static final Set<String> SORTABLE = SORT_COLUMNS.keySet();

    /** Most recently seen first: the assets an operator is looking for are the active ones. */
    public static final String DEFAULT_SORT = "-lastSeen";

    private static final String WHERE = " WHERE disregarded = $1"
            + " AND ($2::boolean IS NULL OR acknowledged = NOT $2)"
            + " AND ($3::boolean IS NULL OR (client IS NULL) = $3)"
            + " AND ($4::text IS NULL OR client = $4)"
            + " AND ($5::text IS NULL OR source = $5)"
            + " AND ($6::text IS NULL OR id ILIKE $6 OR name ILIKE $6 OR description ILIKE $6)";

    /** A page of the assets {@code f} selects, in {@code order} (then by id, so pages never overlap). */
    public Uni<List<Asset>> list(SqlClient db, AssetFilter f, SortOrder order, int limit, long offset) {
        List<Object> params = params(f);
        params.add(limit);
        params.add(offset);
        // The ORDER BY is made of SORT_COLUMNS' expressions only, never of the caller's text: safe to concatenate.
        return db.preparedQuery("SELECT " + COLUMNS + " FROM asset" + WHERE + " ORDER BY "
                + order.toSql(SORT_COLUMNS, "id") + " LIMIT $7 OFFSET $8")
                .execute(Tuple.from(params)).map(rows -> {
                    List<Asset> assets = new ArrayList<>();
                    rows.forEach(row -> assets.add(read(row)));
                    return assets;
                });
    }

    public Uni<Long> count(SqlClient db, AssetFilter f) {
        return db.preparedQuery("SELECT count(*) FROM asset" + WHERE).execute(Tuple.from(params(f)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Asset> find(SqlClient db, String id, boolean forUpdate) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM asset WHERE id = $1" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id)).map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    /** Writes the asset's editable state. */
    public Uni<Asset> save(SqlClient db, Asset a) {
        return db.preparedQuery("UPDATE asset SET name = $2, description = $3, client = $4, acknowledged = $5, "
                + "enabled = $6, disregarded = $7, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(a.id(), a.name(), a.description(), a.client(), a.acknowledged(),
                        a.enabled(), a.disregarded())))
                .map(rows -> read(rows.iterator().next()));
    }

    private static List<Object> params(AssetFilter f) {
        String like = f.search() == null ? null
                : "%" + f.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return new ArrayList<>(Arrays.asList(f.disregarded(), f.isNew(), f.unassigned(), f.client(), f.source(), like));
    }

    private static Asset read(Row row) {
        return new Asset(row.getString("id"), row.getString("name"), row.getString("description"),
                row.getString("source"), row.getString("client"), row.getBoolean("acknowledged"),
                row.getBoolean("enabled"), row.getBoolean("disregarded"), row.getOffsetDateTime("first_seen"),
                row.getOffsetDateTime("last_seen"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
