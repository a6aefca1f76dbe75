package io.meterline.billing.lateusage;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Late-usage policies per meter, and the late usage that REJECT meters left unbilled. */
@ApplicationScoped
public class LateUsageService {

    static final String TABLE = "late_usage_policy";

    /** The columns the policies screen sorts by; each is the entity property too. */
    public static final Set<String> POLICY_SORTABLE = Set.of("meter", "policy", "updatedAt");
    /** By meter, as the list always was. */
    public static final String POLICY_DEFAULT_SORT = "meter";

    /** The columns the late-usage screen sorts by (lateUsage is computed, so it does not sort). */
    public static final Set<String> REPORT_SORTABLE = Set.of("detectedAt", "client", "periodStart", "periodEnd",
            "meter", "billedUsage", "currentUsage");
    /** Newest first, as the list always was. */
    public static final String REPORT_DEFAULT_SORT = "-detectedAt";
    /** The sortable report fields whose entity property has another name. */
    static final Map<String, String> REPORT_PROPERTIES = Map.of("client", "clientId");

    @Inject
    ChangeRecorder changes;

    @Inject
    Clock clock;

    /** A meter's policy, as the API shows it. */
    public record PolicyView(String meter, String policy, java.time.Instant updatedAt) {
    }

    /** The policies in {@code order}; the meter, their id, breaks ties. */
    @WithSession
    public Uni<Page<PolicyView>> policies(SortOrder order, PageRequest page) {
        return PanachePages.read(LateUsagePolicy.<LateUsagePolicy> findAll(order.toPanache(Map.of(), "meter")), page,
                LateUsageService::view);
    }

    @WithTransaction
    public Uni<PolicyView> set(String meter, String policy, Actor actor) {
        if (meter == null || !meter.matches("[a-z0-9_.-]{1,128}")) {
            throw ProblemException.invalidField("meter", "must be a meter's apiName, [a-z0-9_.-]+");
        }
        LateUsagePolicy.Policy chosen;
        try {
            chosen = LateUsagePolicy.Policy.valueOf(policy == null ? "" : policy);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("policy", "must be ADJUST_NEXT or REJECT");
        }
        return LateUsagePolicy.<LateUsagePolicy> findById(meter).chain(found -> {
            PolicyView old = found == null ? null : view(found);
            LateUsagePolicy row = found != null ? found : new LateUsagePolicy();
            row.meter = meter;
            row.policy = chosen;
            row.updatedAt = clock.instant();
            return (found == null ? row.<LateUsagePolicy> persist() : Uni.createFrom().item(row)).call(Panache::flush)
                    .map(LateUsageService::view)
                    .call(now -> changes.audited(actor, found == null ? "create" : "update", TABLE, meter, old, now));
        });
    }

    /** A REJECT meter's late usage, as the API shows it. */
    public record ReportView(UUID client, java.time.Instant periodStart, java.time.Instant periodEnd, String meter,
            java.math.BigDecimal billedUsage, java.math.BigDecimal currentUsage, java.math.BigDecimal lateUsage,
            java.time.Instant detectedAt) {
    }

    /** The reports in {@code order}; their key (client, period and meter) breaks ties. */
    @WithSession
    public Uni<Page<ReportView>> reports(UUID client, SortOrder order, PageRequest page) {
        Sort sort = order.toPanache(REPORT_PROPERTIES, "clientId").and("periodStart").and("meter");
        PanacheQuery<LateUsageReport> query = client == null
                ? LateUsageReport.<LateUsageReport> findAll(sort)
                : LateUsageReport.<LateUsageReport> find("clientId", sort, client);
        return PanachePages.read(query, page, r -> new ReportView(r.clientId, r.periodStart, r.periodEnd, r.meter,
                r.billedUsage, r.currentUsage, r.currentUsage.subtract(r.billedUsage), r.detectedAt));
    }

    private static PolicyView view(LateUsagePolicy row) {
        return new PolicyView(row.meter, row.policy.name(), row.updatedAt);
    }
}
