package io.meterline.pricing.plans;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.platform.paging.SortOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Plans and their versions in the pricing database. Charges are stored as JSON, as the API writes them. */
@ApplicationScoped
public class PlanRepository {

    private static final TypeReference<List<ChargeSpec>> CHARGES = new TypeReference<>() {
    };
    private static final String PLAN_COLUMNS = "id, kind, name, description, currency, client, "
            + "draft_charges::text AS draft_charges, draft_revision, created_at, updated_at";
    private static final String VERSION_COLUMNS = "v.plan_id, p.kind, p.name, p.client, v.version, v.effective_from, "
            + "v.currency, v.charges::text AS charges, v.published_at, v.published_by";

    /** Each field the plan lists sort by (as the API names it) and its SQL; names sort case-insensitively. */
    private static final Map<String, String> SORT_COLUMNS = Map.of("name", "lower(name)", "currency", "currency",
            "client", "client", "createdAt", "created_at", "updatedAt", "updated_at");

    /** The fields of {@code ?sort=} on the price plan and cost-rate plan lists. */
    public static final Set<String> SORTABLE = SORT_COLUMNS.keySet();

    /** By name, as the lists always were: a kind's names are unique, case-insensitively. */
    public static final String DEFAULT_SORT = "name";

    @Inject
    ObjectMapper json;

    /** A plan row before its versions are attached. */
    public record PlanRow(UUID id, PlanKind kind, String name, String description, String currency, String client,
            List<ChargeSpec> charges, int revision, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        Plan withVersions(List<Plan.VersionSummary> versions) {
            return new Plan(id, kind, name, description, currency, client, new Plan.Draft(charges, revision), versions,
                    createdAt, updatedAt);
        }
    }

    /** A page of the plans of {@code kind} (of {@code client}, if given) in {@code order}, then by id. */
    public Uni<List<PlanRow>> list(SqlClient db, PlanKind kind, String client, SortOrder order, int limit,
            long offset) {
        // The ORDER BY is made of SORT_COLUMNS' expressions only, never of the caller's text: safe to concatenate.
        return db.preparedQuery("SELECT " + PLAN_COLUMNS + " FROM plan WHERE kind = $1 AND ($2::text IS NULL OR "
                + "client = $2) ORDER BY " + order.toSql(SORT_COLUMNS, "id") + " LIMIT $3 OFFSET $4")
                .execute(Tuple.of(kind.name(), client, limit, offset)).map(rows -> {
                    List<PlanRow> plans = new ArrayList<>();
                    rows.forEach(row -> plans.add(readPlan(row)));
                    return plans;
                });
    }

    public Uni<Long> count(SqlClient db, PlanKind kind, String client) {
        return db.preparedQuery("SELECT count(*) FROM plan WHERE kind = $1 AND ($2::text IS NULL OR client = $2)")
                .execute(Tuple.of(kind.name(), client)).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<PlanRow> find(SqlClient db, PlanKind kind, UUID id, boolean forUpdate) {
        return db.preparedQuery("SELECT " + PLAN_COLUMNS + " FROM plan WHERE id = $1 AND kind = $2"
                + (forUpdate ? " FOR UPDATE" : "")).execute(Tuple.of(id, kind.name()))
                .map(rows -> rows.iterator().hasNext() ? readPlan(rows.iterator().next()) : null);
    }

    public Uni<Boolean> nameTaken(SqlClient db, PlanKind kind, String name, UUID except) {
        return db.preparedQuery("SELECT 1 FROM plan WHERE kind = $1 AND lower(name) = lower($2) "
                + "AND id IS DISTINCT FROM $3").execute(Tuple.of(kind.name(), name, except))
                .map(rows -> rows.iterator().hasNext());
    }

    public Uni<PlanRow> insert(SqlClient db, PlanKind kind, UUID id, PlanRequest r) {
        return db.preparedQuery("INSERT INTO plan (id, kind, name, description, currency, client, draft_charges) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb) RETURNING " + PLAN_COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, kind.name(), r.name().trim(), r.description(), r.currency(),
                        r.client(), write(r.charges()))))
                .map(rows -> readPlan(rows.iterator().next()));
    }

    public Uni<PlanRow> updateDraft(SqlClient db, UUID id, PlanRequest r) {
        return db.preparedQuery("UPDATE plan SET name = $2, description = $3, currency = $4, client = $5, "
                + "draft_charges = $6::text::jsonb, draft_revision = draft_revision + 1, updated_at = now() WHERE id = $1 "
                + "RETURNING " + PLAN_COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, r.name().trim(), r.description(), r.currency(), r.client(),
                        write(r.charges()))))
                .map(rows -> readPlan(rows.iterator().next()));
    }

    /** Version summaries of these plans, oldest first. */
    public Uni<Map<UUID, List<Plan.VersionSummary>>> versionSummaries(SqlClient db, List<UUID> planIds) {
        return db.preparedQuery("SELECT plan_id, version, effective_from, published_at, published_by FROM plan_version "
                + "WHERE plan_id = ANY ($1) ORDER BY plan_id, version")
                .execute(Tuple.of(planIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, List<Plan.VersionSummary>> byPlan = new LinkedHashMap<>();
                    planIds.forEach(id -> byPlan.put(id, new ArrayList<>()));
                    for (Row row : rows) {
                        byPlan.get(row.getUUID("plan_id")).add(new Plan.VersionSummary(row.getInteger("version"),
                                instant(row, "effective_from"), instant(row, "published_at"),
                                row.getString("published_by")));
                    }
                    return byPlan;
                });
    }

    public Uni<PlanVersion> insertVersion(SqlClient db, UUID planId, int version, Instant effectiveFrom,
            String currency, List<ChargeSpec> charges, String publishedBy) {
        return db.preparedQuery("INSERT INTO plan_version (plan_id, version, effective_from, currency, charges, "
                + "published_by) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)")
                .execute(Tuple.from(Arrays.asList(planId, version, effectiveFrom.atOffset(ZoneOffset.UTC), currency,
                        write(charges), publishedBy)))
                .chain(() -> version(db, planId, version));
    }

    public Uni<PlanVersion> version(SqlClient db, UUID planId, int version) {
        return db.preparedQuery("SELECT " + VERSION_COLUMNS + " FROM plan_version v JOIN plan p ON p.id = v.plan_id "
                + "WHERE v.plan_id = $1 AND v.version = $2").execute(Tuple.of(planId, version))
                .map(rows -> rows.iterator().hasNext() ? readVersion(rows.iterator().next()) : null);
    }

    /** The version in effect at {@code at}: the one with the latest effectiveFrom not after it. */
    public Uni<PlanVersion> versionInEffect(SqlClient db, UUID planId, Instant at) {
        return db.preparedQuery("SELECT " + VERSION_COLUMNS + " FROM plan_version v JOIN plan p ON p.id = v.plan_id "
                + "WHERE v.plan_id = $1 AND v.effective_from <= $2 ORDER BY v.effective_from DESC LIMIT 1")
                .execute(Tuple.of(planId, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().hasNext() ? readVersion(rows.iterator().next()) : null);
    }

    /** For each plan of {@code kind} in {@code currency}, its version in effect at {@code at}, latest taking effect first. */
    public Uni<List<PlanVersion>> versionsInEffect(SqlClient db, PlanKind kind, String currency, Instant at) {
        return db.preparedQuery("SELECT * FROM (SELECT DISTINCT ON (v.plan_id) " + VERSION_COLUMNS
                + " FROM plan_version v JOIN plan p ON p.id = v.plan_id WHERE p.kind = $1 AND v.currency = $2 "
                + "AND v.effective_from <= $3 ORDER BY v.plan_id, v.effective_from DESC) current "
                + "ORDER BY effective_from DESC, plan_id")
                .execute(Tuple.of(kind.name(), currency, at.atOffset(ZoneOffset.UTC))).map(rows -> {
                    List<PlanVersion> versions = new ArrayList<>();
                    rows.forEach(row -> versions.add(readVersion(row)));
                    return versions;
                });
    }

    public Uni<PlanVersion> latestVersion(SqlClient db, UUID planId) {
        return db.preparedQuery("SELECT " + VERSION_COLUMNS + " FROM plan_version v JOIN plan p ON p.id = v.plan_id "
                + "WHERE v.plan_id = $1 ORDER BY v.version DESC LIMIT 1").execute(Tuple.of(planId))
                .map(rows -> rows.iterator().hasNext() ? readVersion(rows.iterator().next()) : null);
    }

    private PlanRow readPlan(Row row) {
        return new PlanRow(row.getUUID("id"), PlanKind.valueOf(row.getString("kind")), row.getString("name"),
                row.getString("description"), row.getString("currency"), row.getString("client"),
                read(row.getString("draft_charges")), row.getInteger("draft_revision"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    private PlanVersion readVersion(Row row) {
        return new PlanVersion(row.getUUID("plan_id"), PlanKind.valueOf(row.getString("kind")), row.getString("name"),
                row.getString("client"), row.getInteger("version"), instant(row, "effective_from"),
                row.getString("currency"), read(row.getString("charges")), instant(row, "published_at"),
                row.getString("published_by"));
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    private String write(List<ChargeSpec> charges) {
        try {
            return json.writeValueAsString(charges);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ChargeSpec> read(String text) {
        try {
            return json.readValue(text, CHARGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored charges are unreadable: " + e.getMessage(), e);
        }
    }
}
