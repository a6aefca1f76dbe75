package io.meterline.gateway.views;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.gateway.routing.GatewayConfig;
import io.meterline.gateway.routing.ServiceRelay;
import io.meterline.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Reads a view's panels from their services all at once, each bounded by {@code meterline.gateway.view-timeout}. A
 * panel whose service fails, refuses or is slow becomes {@link Panel#unavailable}; the view itself always answers.
 */
@ApplicationScoped
public class ViewAssembler {

    @Inject
    ServiceRelay relay;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public Uni<View> assemble(List<PanelSource> sources, String accessToken) {
        List<Uni<Panel>> reads = new ArrayList<>();
        for (PanelSource source : sources) {
            reads.add(read(source, accessToken));
        }
        return Uni.join().all(reads).andFailFast().map(panels -> {
            Map<String, Panel> byName = new LinkedHashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                byName.put(sources.get(i).panel(), panels.get(i));
            }
            return new View(byName, clock.instant());
        });
    }

    private Uni<Panel> read(PanelSource source, String accessToken) {
        String service = ServiceRelay.serviceName(source.service());
        boolean readiness = source.kind() == PanelSource.Kind.READINESS;
        String path = source.pathAndQuery();
        long started = System.nanoTime();
        // Readiness checks are public: no caller's token leaves for them.
        return relay.probe(source.service(), path, readiness ? null : accessToken,
                config.viewTimeout()).map(answer -> {
                    // A service that is not ready answers 503 naming the check that is down: that is the data.
                    if (answer.status() == 200 || readiness && answer.status() == 503) {
                        return Panel.ok(service, path, parse(answer.body()), millisSince(started));
                    }
                    return Panel.refused(service, path, answer.status(), service + " answered " + answer.status()
                            + detail(answer.body()), millisSince(started));
                }).onFailure().recoverWithItem(e -> Panel.unavailable(service, path, e.getMessage(), millisSince(started)));
    }

    /** The problem's own words, when the service sent problem+json. */
    private String detail(byte[] body) {
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            return detail.isEmpty() ? "." : ": " + detail;
        } catch (IOException | RuntimeException e) {
            return ".";
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw ProblemException.upstream(502, "The answer is not JSON: " + e.getMessage());
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
