package io.meterline.gateway.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.gateway.routing.OwningService;
import io.meterline.gateway.routing.ServiceRelay;
import io.meterline.platform.audit.AuditEntry;
import io.meterline.platform.audit.AuditReader;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Every service's audit log as one, newest first: each service's newest entries down to the page asked for are read
 * at once (with the caller's token, so each service applies its own access rules), merged, and the page is cut from
 * them. A service that cannot answer is named in {@code unavailable}; the others' entries still show.
 */
@ApplicationScoped
public class MergedAudit {

    private static final Logger LOG = Logger.getLogger(MergedAudit.class);
    private static final TypeReference<Page<AuditEntry>> PAGE = new TypeReference<>() {
    };

    /**
     * How deep the merged log pages: every service's page is read from its newest entry, and a service serves at most
     * 500 entries a page. Older entries: filter by table or record.
     */
    static final int DEPTH = PageRequest.MAX_SIZE;

    @Inject
    ServiceRelay relay;

    @Inject
    AuditReader own;

    @Inject
    ObjectMapper json;

    /** One log's newest entries, or null when its service could not answer. */
    private record Log(String service, Page<AuditEntry> page) {
    }

    public Uni<MergedAuditPage> page(PageRequest request, String table, String recordId, String accessToken) {
        int depth = (request.page() + 1) * request.size();
        if (depth > DEPTH) {
            throw ProblemException.invalidField("page", "(page + 1) × size must be at most " + DEPTH
                    + ": the merged log pages through its newest " + DEPTH + " entries; filter by table or recordId "
                    + "for older ones");
        }
        List<Uni<Log>> logs = new ArrayList<>();
        for (OwningService service : OwningService.values()) {
            logs.add(read(service, depth, table, recordId, accessToken));
        }
        logs.add(own.page(PageRequest.of(0, depth), table, recordId).map(p -> new Log("gateway", p)));
        return Uni.join().all(logs).andFailFast().map(all -> merge(all, request));
    }

    private Uni<Log> read(OwningService service, int depth, String table, String recordId, String token) {
        String name = service.name().toLowerCase(Locale.ROOT);
        StringBuilder query = new StringBuilder("/api/v1/audit?page=0&size=").append(depth);
        if (table != null) {
            query.append("&table=").append(URLEncoder.encode(table, StandardCharsets.UTF_8));
        }
        if (recordId != null) {
            query.append("&recordId=").append(URLEncoder.encode(recordId, StandardCharsets.UTF_8));
        }
        return relay.fetch(service, query.toString(), token).map(bytes -> {
            try {
                return new Log(name, json.readValue(bytes, PAGE));
            } catch (java.io.IOException e) {
                throw ProblemException.upstream(502, name + "-service answered an audit page that cannot be read");
            }
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("The merged audit log goes without %s: %s", name, e.getMessage());
            return new Log(name, null);
        });
    }

    static MergedAuditPage merge(List<Log> logs, PageRequest request) {
        List<MergedAuditEntry> all = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        long total = 0;
        for (Log log : logs) {
            if (log.page() == null) {
                unavailable.add(log.service());
                continue;
            }
            total += log.page().total();
            log.page().items().forEach(e -> all.add(MergedAuditEntry.of(log.service(), e)));
        }
        all.sort(Comparator.comparing(MergedAuditEntry::occurredAt).reversed()
                .thenComparing(MergedAuditEntry::service).thenComparing(Comparator.comparingLong(
                        MergedAuditEntry::id).reversed()));
        int from = (int) Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.size());
        return new MergedAuditPage(List.copyOf(all.subList(from, to)), request.page(), request.size(), total,
                unavailable);
    }
}
