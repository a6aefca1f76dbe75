package io.meterline.deploy;

import static io.meterline.deploy.Manifests.name;
import static io.meterline.deploy.Manifests.ofKind;
import static io.meterline.deploy.Manifests.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/** helm/meterline rendered for its default values, a production file and one with every optional part on. */
class ChartTest {

    private static final String DEFAULTS = "helm/meterline/values.yaml";
    private static final String PROD = "helm/meterline/ci/prod-values.yaml";
    private static final String EVERYTHING = "helm/meterline/ci/everything-values.yaml";
    private static final List<String> SERVICES = List.of("billing", "gateway", "metering", "pricing", "projection");

    @Test
    void lintIsClean() {
        LintResult lint = new Helm(Manifests.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest
    @ValueSource(strings = { DEFAULTS, PROD, EVERYTHING })
    void everyRenderedObjectIsValidKubernetes(String values) {
        List<JsonNode> objects = render(values);
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(KubernetesSchema.problems(o)));
        assertThat(problems).isEmpty();
        for (String kind : List.of("Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget",
                "NetworkPolicy")) {
            assertThat(ofKind(objects, kind)).as(kind + " per service").hasSize(SERVICES.size());
        }
        assertThat(objects.stream().map(Manifests::name).distinct().count()).as("no object twice")
                .isEqualTo(objects.size());
    }

    @ParameterizedTest
    @ValueSource(strings = { DEFAULTS, PROD, EVERYTHING })
    void everyDeploymentKeepsThePolicies(String values) throws IOException {
        Set<String> documented = documentedSecrets();
        for (JsonNode deployment : ofKind(render(values), "Deployment")) {
            String at = values + " " + name(deployment);
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(at + " non-root").isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(at).isEqualTo("RuntimeDefault");
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(at + " no API token").isFalse();
            assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1))
                    .as(at + ": a rollout never takes a replica away before its successor is ready").isZero();
            for (JsonNode container : pod.path("containers")) {
                String c = at + " " + container.path("name").asText();
                assertThat(container.at("/startupProbe/httpGet/path").asText()).as(c).isEqualTo("/q/health/started");
                assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(c).isEqualTo("/q/health/live");
                assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(c).isEqualTo("/q/health/ready");
                assertThat(container.at("/readinessProbe/timeoutSeconds").asInt()).as(c + ": readiness answers "
                        + "within 2 s by design").isGreaterThan(2);
                assertThat(container.at("/lifecycle/preStop/sleep/seconds").asInt()).as(c + " leaves the endpoints "
                        + "before it stops").isPositive();
                assertThat(container.at("/resources/requests/memory")).as(c + ": the heap is a share of the limit")
                        .isEqualTo(container.at("/resources/limits/memory"));
                for (String bound : List.of("/resources/requests/cpu", "/resources/requests/memory",
                        "/resources/limits/cpu", "/resources/limits/memory")) {
                    assertThat(container.at(bound).isMissingNode()).as(c + bound).isFalse();
                }
                JsonNode security = container.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(c).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(c).isFalse();
                assertThat(security.at("/capabilities/drop").toString()).as(c).isEqualTo("[\"ALL\"]");
                String image = container.path("image").asText();
                assertThat(image).as(c).matches(".+/.+:[^:/]+").doesNotEndWith(":latest");
                for (JsonNode ref : container.findValues("secretKeyRef")) {
                    assertThat(ref.path("name").asText()).as(c + " reads a Secret no one makes")
                            .matches(n -> documented.contains(n) || n.endsWith("-db-app"), "documented or CloudNativePG's");
                }
                for (JsonNode from : container.path("envFrom")) {
                    assertThat(documented).as(c).contains(from.at("/secretRef/name").asText());
                }
            }
        }
    }

    /** The Secrets docs/deployment.md lists as the operator's to create: the names in backticks of its table. */
    private static Set<String> documentedSecrets() throws IOException {
        String doc = Files.readString(Manifests.REPOSITORY.resolve("docs/deployment.md"));
        int start = doc.indexOf("## Secrets");
        assertThat(start).as("docs/deployment.md has a Secrets section").isNotNegative();
        String section = doc.substring(start, doc.indexOf("\n## ", start + 1) < 0 ? doc.length()
                : doc.indexOf("\n## ", start + 1));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `([a-z0-9.-]+)`", Pattern.MULTILINE).matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void wrongValuesFailWithTheSchemasMessage() {
        assertThatThrownBy(() -> Manifests.renderText(Map.of("metering.replicas", "two"), DEFAULTS))
                .hasMessageContaining("metering").hasMessageContaining("replicas")
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("billingg.replicas", 2), DEFAULTS))
                .hasMessageContaining("billingg").hasMessageContaining("additional properties");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("metering.resource.cpu", "1"), DEFAULTS))
                .hasMessageContaining("resource");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("image.tag", "latest"), DEFAULTS))
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("image.variant", "graal"), DEFAULTS))
                .hasMessageContaining("variant");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("oidc.issuerUrl", "login.example.com"), DEFAULTS))
                .hasMessageContaining("issuerUrl");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("ingress.enabled", true), DEFAULTS))
                .hasMessageContaining("ingress.console.host is required");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("networkPolicy.egress.enabled", true), DEFAULTS))
                .hasMessageContaining("networkPolicy.egress.kafka is required while egress is restricted");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("strimzi.cluster.create", true,
                "strimzi.cluster.replicas", 1), DEFAULTS)).hasMessageContaining("must be at least strimzi.replicationFactor");
        assertThatThrownBy(() -> Manifests.renderText(Map.of("probes.readiness.timeoutSeconds", 0), DEFAULTS))
                .hasMessageContaining("timeoutSeconds");
    }

    @Test
    void eachServiceTakesCallsOnlyFromItsCallers() {
        Map<String, Set<String>> callers = Map.of("pricing", Set.of("gateway", "billing"), "billing", Set.of("gateway"),
                "projection", Set.of("gateway"));
        for (JsonNode policy : ofKind(render(PROD), "NetworkPolicy")) {
            String service = policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText();
            List<JsonNode> from = StreamSupport.stream(policy.at("/spec/ingress/0/from").spliterator(), false).toList();
            if (service.equals("gateway") || service.equals("metering")) {
                assertThat(from).as(service + ": from anywhere, on its port alone").isEmpty();
                assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
                continue;
            }
            Set<String> allowed = new TreeSet<>();
            from.forEach(peer -> {
                if (peer.has("podSelector")) {
                    allowed.add(peer.at("/podSelector/matchLabels/app.kubernetes.io~1component").asText());
                }
            });
            assertThat(allowed).as(service).isEqualTo(callers.get(service));
            assertThat(policy.at("/spec/policyTypes").toString()).contains("Egress");
        }
        // Egress: Stripe only from billing, webhooks only from projection (each a rule to port 443 in prod's values).
        Map<String, Long> https = new java.util.TreeMap<>();
        for (JsonNode policy : ofKind(render(PROD), "NetworkPolicy")) {
            long rules = StreamSupport.stream(policy.at("/spec/egress").spliterator(), false)
                    .filter(rule -> rule.at("/ports/0/port").asInt() == 443).count();
            https.put(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText(), rules);
        }
        assertThat(https).containsEntry("billing", 2L).containsEntry("projection", 2L).containsEntry("metering", 1L)
                .containsEntry("pricing", 1L).containsEntry("gateway", 1L);
    }

    @Test
    void theOptionalPartsRenderWhenAskedFor() {
        List<JsonNode> everything = render(EVERYTHING);
        List<JsonNode> topics = ofKind(everything, "KafkaTopic");
        assertThat(topics).extracting(t -> t.at("/spec/topicName").asText()).contains("meterline.usage.raw",
                "meterline.usage.metered", "meterline.metering.assets", "meterline.pricing.catalog",
                "meterline.billing.events", "meterline.usage.raw.metering-dlq");
        for (JsonNode topic : topics) {
            String topicName = topic.at("/spec/topicName").asText();
            boolean compacted = topicName.equals("meterline.metering.assets") || topicName.equals("meterline.pricing.catalog");
            assertThat(topic.at("/spec/config/cleanup.policy").asText()).as(topicName)
                    .isEqualTo(compacted ? "compact" : "delete");
        }
        assertThat(ofKind(everything, "Cluster")).extracting(c -> c.at("/spec/bootstrap/initdb/database").asText())
                .containsExactlyInAnyOrder("metering", "pricing", "billing", "projection", "gateway");
        assertThat(ofKind(everything, "Kafka")).hasSize(1);
        assertThat(ofKind(everything, "HTTPRoute")).hasSize(2);
        assertThat(ofKind(everything, "ServiceMonitor")).hasSize(1);
        JsonNode hpa = ofKind(everything, "HorizontalPodAutoscaler").get(0);
        assertThat(hpa.at("/spec/metrics/1/external/metric/name").asText()).isEqualTo("kafka_consumergroup_lag");
        JsonNode metering = deployment(everything, "metering");
        assertThat(metering.at("/spec/replicas").isMissingNode()).as("the HPA owns the replica count").isTrue();
        assertThat(metering.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("ghcr.io/meterline/metering-service:0.1.0-native");
        assertThat(configOf(everything, "metering")).contains("kafka.bootstrap.servers=meterline-kafka-bootstrap:9092",
                "meterline.db.host=meterline-metering-db-rw", "meterline.ingest.raw-retention=P400D",
                "meterline.ingest.consumer-max-batch=10000000\n");
        assertThat(ofKind(everything, "Cluster")).allSatisfy(c -> {
            assertThat(c.at("/spec/minSyncReplicas").asInt()).as("a failover loses no commit").isEqualTo(1);
            assertThat(c.at("/metadata/labels/app.kubernetes.io~1component").asText()).endsWith("-db");
        });

        List<JsonNode> defaults = render(DEFAULTS);
        for (String kind : List.of("KafkaTopic", "Cluster", "HTTPRoute", "Ingress", "ServiceMonitor",
                "HorizontalPodAutoscaler")) {
            assertThat(ofKind(defaults, kind)).as(kind + " is off by default").isEmpty();
        }
        assertThat(deployment(defaults, "metering").at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("ghcr.io/meterline/metering-service:0.1.0");
    }

    @Test
    void theServicesFindEachOtherAndTheirInfrastructure() {
        List<JsonNode> prod = render(PROD);
        assertThat(configOf(prod, "gateway")).contains("meterline.gateway.metering-url=http://meterline-metering",
                "meterline.gateway.projection-url=http://meterline-projection", "meterline.gateway.secure-cookies=true");
        assertThat(configOf(prod, "billing")).contains("meterline.metering.url=http://meterline-metering",
                "meterline.pricing.url=http://meterline-pricing", "meterline.billing.stripe.enabled=true");
        assertThat(configOf(prod, "metering")).contains("quarkus.datasource.jdbc.url=jdbc:postgresql://postgres.data.svc"
                + ":5432/metering?sslmode=verify-full&sslrootcert=/deployments/tls/postgresql/ca.crt",
                "quarkus.datasource.reactive.url=postgresql://postgres.data.svc:5432/metering?sslmode=verify-full",
                "quarkus.datasource.reactive.trust-certificate-pem.certs=/deployments/tls/postgresql/ca.crt",
                "quarkus.datasource.reactive.hostname-verification-algorithm=HTTPS",
                "meterline.oidc.url=https://login.example.com/realms/meterline");
        JsonNode metering = deployment(prod, "metering").at("/spec/template/spec");
        assertThat(metering.at("/volumes").toString()).contains("\"secretName\":\"meterline-postgresql-ca\"");
        assertThat(metering.at("/containers/0/volumeMounts").toString()).contains("/deployments/tls/postgresql");
        assertThat(metering.at("/containers/0/startupProbe/failureThreshold").asInt() * 5).as("15 minutes to migrate")
                .isEqualTo(900);
        assertThat(configOf(prod, "gateway")).contains("quarkus.http.proxy.proxy-address-forwarding=true",
                "quarkus.oidc.authentication.force-redirect-https-scheme=true");
        assertThat(configOf(render(DEFAULTS), "gateway")).doesNotContain("force-redirect-https-scheme");
        JsonNode ingress = ofKind(prod, "Ingress").get(0);
        assertThat(ingress.at("/spec/rules/1/http/paths/0/path").asText()).isEqualTo("/api/v1/events");
        assertThat(ingress.at("/spec/rules/1/http/paths/0/backend/service/name").asText())
                .isEqualTo("meterline-metering");
    }

    /** A misspelt property is ignored by Quarkus without a word: every key the chart sets is one docs/configuration.md names. */
    @Test
    void everyPropertyTheChartSetsIsADocumentedSetting() throws IOException {
        String doc = Files.readString(Manifests.REPOSITORY.resolve("docs/configuration.md"));
        for (JsonNode config : ofKind(render(PROD), "ConfigMap")) {
            for (String line : config.at("/data/application.properties").asText().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String key = line.substring(0, line.indexOf('='));
                assertThat(doc).as(name(config) + " sets " + key).contains("`" + key + "`");
            }
        }
    }

    private static JsonNode deployment(List<JsonNode> objects, String service) {
        return ofKind(objects, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals("meterline-" + service)).findFirst().orElseThrow();
    }

    private static String configOf(List<JsonNode> objects, String service) {
        return ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().equals("meterline-" + service)).findFirst().orElseThrow()
                .at("/data/application.properties").asText();
    }
}
