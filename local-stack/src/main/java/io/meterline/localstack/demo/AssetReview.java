package io.meterline.localstack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an operator does with the assets metering discovered from the events: names and acknowledges them, assigns
 * each client's to the client, disregards the CI runners, and leaves a few alone, so that every state has rows:
 * new (not acknowledged), assigned, unassigned (the shared platform's), unbound (a client's batch node that no
 * bucket counts), disregarded. Then auto-provisioning finds the clients' GPU nodes and makes their buckets.
 */
final class AssetReview {

    /** One asset's review: a name and a description, then acknowledged, and assigned or disregarded. */
    private record Step(String asset, String name, String description, String client, boolean disregard) {
    }

    private final DemoApi api;
    private final DemoData.Stack stack;
    private final PrintStream out;

    AssetReview(DemoApi api, DemoData.Stack stack, PrintStream out) {
        this.api = api;
        this.stack = stack;
        this.out = out;
    }

    void review(ExecutorService pool) {
        List<Step> steps = steps();
        List<Future<?>> done = new ArrayList<>();
        for (Step step : steps) {
            done.add(pool.submit(() -> apply(step)));
        }
        for (Future<?> future : done) {
            join(future);
        }
        long assigned = steps.stream().filter(s -> s.client() != null).count();
        long unbound = DemoClient.ALL.stream().filter(DemoClient::batchNode).count();
        int buckets = autoProvision();
        out.printf("  assets: %d reviewed (%d assigned, %d of them unbound), 2 disregarded, 3 unassigned, "
                + "3 left new; %d GPU buckets auto-provisioned%n", steps.size(), assigned, unbound, buckets);
    }

    private static List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (DemoClient c : DemoClient.ALL) {
            for (int n = 1; n <= c.nodes(); n++) {
                steps.add(new Step(c.node(n), c.name() + " node " + n, "Production Kubernetes node, " + c.region(),
                        c.externalId(), false));
            }
            steps.add(new Step(c.storageAsset(), c.name() + " data", "S3 bucket, " + c.region(), c.externalId(),
                    false));
            if (c.gpu()) {
                steps.add(new Step(c.gpuAsset(), c.name() + " GPU node", "8 x A100, training and inference",
                        c.externalId(), false));
            }
            if (c.batchNode()) {
                steps.add(new Step(c.batchAsset(), c.name() + " batch node",
                        "Nightly batch jobs; no bucket counts it yet", c.externalId(), false));
            }
        }
        steps.add(new Step("k8s-shared-ingress-01", "Shared ingress", "Platform ingress controllers, no client's",
                null, false));
        steps.add(new Step("k8s-shared-monitoring-01", "Shared monitoring", "Prometheus and Grafana for the platform",
                null, false));
        steps.add(new Step("s3-platform-backups", "Platform backups", "Nightly database backups, archive tier", null,
                false));
        for (int n = 1; n <= 2; n++) {
            steps.add(new Step("ci-runner-0" + n, "CI runner " + n, "Build runners: internal, never billed", null,
                    true));
        }
        return steps;
    }

    private void apply(Step step) {
        String url = stack.meteringUrl() + "/api/v1/assets/" + DemoApi.encode(step.asset());
        api.patch(url, Map.of("name", step.name(), "description", step.description()), 200);
        api.post(url + "/ack", null, 200);
        if (step.client() != null) {
            // Metering takes the assignment once billing's client event has reached it over Kafka.
            api.retry("PUT", url + "/client", Map.of("client", step.client()), 200, Duration.ofSeconds(90));
        }
        if (step.disregard()) {
            api.post(url + "/disregard", null, 200);
        }
    }

    /**
     * Asks billing to provision until it has made a bucket for every client with a GPU node: billing learns of the
     * assignments over Kafka, and a call made before then finds nothing for that client yet (the next one does).
     */
    private int autoProvision() {
        long expected = DemoClient.ALL.stream().filter(DemoClient::gpu).count();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int made = 0;
        while (true) {
            JsonNode answer = api.post(stack.billingUrl() + "/api/v1/buckets/auto-provision", null, 200);
            made += answer.path("created").size();
            if (made >= expected) {
                return made;
            }
            if (System.nanoTime() > deadline) {
                out.printf("  warning: auto-provisioning made %d of %d GPU buckets in 90 s%n", made, expected);
                return made;
            }
            DemoApi.pause(1_000);
        }
    }

    private static void join(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
