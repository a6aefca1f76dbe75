package io.meterline.localstack.demo;

import java.time.Duration;
import java.util.Map;

/**
 * The settings and alerts screens' content: an ingest suppression, two API keys (an agent's ingest key and a
 * client's read key) in metering, and alert rules in projection.
 */
final class Settings {

    private final DemoApi api;
    private final DemoData.Stack stack;

    Settings(DemoApi api, DemoData.Stack stack) {
        this.api = api;
        this.stack = stack;
    }

    /**
     * Made before the usage: the suppression must be in force when the load-test host's events come, and they come
     * with the agent's key. Answers that key's secret, which metering shows only this once.
     */
    String suppressionAndApiKeys() {
        String metering = stack.meteringUrl();
        api.post(metering + "/api/v1/suppressions", Map.of("pattern", "loadtest-*", "target", "ASSET", "reason",
                "Load-test hosts, never billed"), 201);
        String ingestKey = api.post(metering + "/api/v1/api-keys", Map.of("name", "k8s usage agent", "role",
                "ingest"), 201).get("key").asText();
        api.post(metering + "/api/v1/api-keys", Map.of("name", "Northwind usage dashboard", "role", "read",
                "customer", "northwind"), 201);
        return ingestKey;
    }

    /**
     * Rules for every client (projected overage, thin margin) and one for a single bucket: the client whose usage
     * jumped this month. Projection learns of billing's clients and buckets over Kafka and refuses a scope it has not
     * seen yet, so that rule is asked again until it has.
     */
    int alertRules(ClientSetup.Made made) {
        String url = stack.projectionUrl() + "/api/v1/alert-rules";
        api.post(url, Map.of("name", "Projected over a commit", "kind", "PROJECTED_OVERAGE", "threshold", 100,
                "warningAt", 90), 201);
        api.post(url, Map.of("name", "Margin below 25%", "kind", "MARGIN_BELOW", "threshold", 25, "warningAt", 30),
                201);
        api.retry("POST", url, Map.of("name", "Vandelay near its vCPU commit", "kind", "PERCENT_OF_COMMIT", "scope",
                Map.of("client", made.clients().get("vandelay"), "bucket", made.vcpuBuckets().get("vandelay")),
                "threshold", 100, "warningAt", 80), 201, Duration.ofSeconds(90));
        return 3;
    }
}
