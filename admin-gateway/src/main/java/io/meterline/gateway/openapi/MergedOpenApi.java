package io.meterline.gateway.openapi;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.gateway.routing.GatewayConfig;
import io.meterline.gateway.routing.OwningService;
import io.meterline.gateway.routing.ServiceRelay;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.mutiny.Uni;
import io.smallrye.openapi.runtime.io.Format;

/**
 * The merged OpenAPI document ({@link OpenApiMerger}) of the gateway and the four services, read from each service's
 * public {@code /q/openapi}. A complete document is kept for a while; one missing a service is not kept, so the
 * next call tries that service again.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
    /** Quarkus's name for the application's one OpenAPI document. */
    private static final String OWN_DOCUMENT = "<default>";

    @Inject
    ServiceRelay relay;

    @Inject
    OpenApiDocumentService ownDocument;

    @Inject
    ObjectMapper json;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    private record Kept(byte[] document, Instant until) {
    }

    private record Read(String service, OwningService owner, JsonNode document) {
    }

    private volatile Kept kept;

    public Uni<byte[]> document() {
        Kept current = kept;
        if (current != null && clock.instant().isBefore(current.until())) {
            return Uni.createFrom().item(current.document());
        }
        List<Uni<Read>> reads = new ArrayList<>();
        for (OwningService service : OwningService.values()) {
            reads.add(read(service));
        }
        return Uni.join().all(reads).andFailFast().map(this::merge);
    }

    private Uni<Read> read(OwningService service) {
        String name = service.name().toLowerCase(Locale.ROOT);
        return relay.fetch(service, "/q/openapi?format=json", null, config.viewTimeout())
                .map(bytes -> new Read(name, service, parse(bytes)))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("The merged OpenAPI document goes without %s: %s", name, e.getMessage());
                    return new Read(name, service, null);
                });
    }

    private byte[] merge(List<Read> reads) {
        JsonNode own = parse(ownDocument.getDocument(OWN_DOCUMENT, Format.JSON));
        List<OpenApiMerger.Source> sources = new ArrayList<>();
        // The gateway first: its whoami and merged audit are the ones an admin calls here.
        sources.add(new OpenApiMerger.Source("gateway", Optional.empty(), own));
        List<String> unavailable = new ArrayList<>();
        for (Read read : reads) {
            if (read.document() == null) {
                unavailable.add(read.service());
            } else {
                sources.add(new OpenApiMerger.Source(read.service(), Optional.of(read.owner()), read.document()));
            }
        }
        byte[] merged;
        try {
            merged = json.writeValueAsBytes(OpenApiMerger.merge(sources, unavailable,
                    own.path("info").path("version").asText("0")));
        } catch (IOException e) {
            throw new IllegalStateException("The merged OpenAPI document cannot be written", e);
        }
        if (unavailable.isEmpty()) {
            kept = new Kept(merged, clock.instant().plus(config.openapiCacheTtl()));
        }
        return merged;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("An OpenAPI document cannot be read: " + e.getMessage(), e);
        }
    }
}
