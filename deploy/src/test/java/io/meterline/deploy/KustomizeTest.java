package io.meterline.deploy;

import static io.meterline.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * k8s/: the kustomize base is the chart rendered with its default values, and prod's autoscaler is the chart's, so
 * there is one source of truth. These tests fail when the chart changes and the rendered files were not regenerated;
 * {@code mvn -pl deploy test -Dmeterline.regenerate=true} writes them again (k8s/README.md).
 */
class KustomizeTest {

    private static final Path K8S = Manifests.REPOSITORY.resolve("k8s");
    private static final String HEADER = "# Generated from helm/meterline by KustomizeTest (k8s/README.md). Do not edit.\n";

    @Test
    void theBaseIsTheChartRendered() throws IOException {
        assertRendered(K8S.resolve("base/meterline.yaml"), Manifests.renderText(Map.of()));
    }

    @Test
    void prodsAutoscalerIsTheCharts() throws IOException {
        List<JsonNode> rendered = Manifests.render();
        String hpa = Manifests.renderText(Map.of("metering.autoscaling.enabled", true));
        List<JsonNode> autoscalers = ofKind(Manifests.parse(hpa), "HorizontalPodAutoscaler");
        assertThat(autoscalers).hasSize(1);
        assertThat(ofKind(rendered, "HorizontalPodAutoscaler")).isEmpty();
        assertRendered(K8S.resolve("overlays/prod/metering-hpa.yaml"),
                "---\n" + toYaml(autoscalers.get(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void eachOverlayRendersValidKubernetes(String overlay) throws Exception {
        List<JsonNode> objects = Manifests.parse(kustomize(K8S.resolve("overlays/" + overlay)));
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(KubernetesSchema.problems(o)));
        assertThat(problems).isEmpty();
        String namespace = overlay.equals("dev") ? "meterline-dev" : "meterline";
        assertThat(objects).allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo(namespace));
        List<JsonNode> deployments = ofKind(objects, "Deployment");
        assertThat(deployments).hasSize(5);
        for (JsonNode deployment : deployments) {
            String name = deployment.at("/metadata/name").asText();
            if (overlay.equals("dev")) {
                assertThat(deployment.at("/spec/replicas").asInt()).as(name).isEqualTo(1);
                assertThat(deployment.at("/spec/template/spec/containers/0/resources/requests/cpu").asText())
                        .isEqualTo("100m");
            } else if (name.equals("meterline-metering")) {
                assertThat(deployment.at("/spec/replicas").isMissingNode()).as("the autoscaler owns it").isTrue();
            } else {
                assertThat(deployment.at("/spec/replicas").asInt()).as(name).isEqualTo(3);
                assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints/0/topologyKey").asText())
                        .isEqualTo("topology.kubernetes.io/zone");
            }
        }
        assertThat(ofKind(objects, "PodDisruptionBudget")).hasSize(5);
        assertThat(ofKind(objects, "HorizontalPodAutoscaler")).hasSize(overlay.equals("prod") ? 1 : 0);
    }

    /** Compares what is committed with what the chart renders now, object by object; rewrites it when asked to. */
    private static void assertRendered(Path file, String rendered) throws IOException {
        if (Boolean.getBoolean("meterline.regenerate")) {
            Files.writeString(file, HEADER + rendered.strip() + "\n");
        }
        assertThat(file).as("run mvn -pl deploy test -Dmeterline.regenerate=true").exists();
        List<JsonNode> committed = Manifests.parse(Files.readString(file));
        assertThat(committed).as(file + " is not what the chart renders: regenerate it (k8s/README.md)")
                .isEqualTo(Manifests.parse(rendered));
    }

    private static String toYaml(JsonNode node) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                    .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                    .writeValueAsString(node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String kustomize(Path overlay) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        assertThat(done && process.exitValue() == 0).as("kubectl kustomize " + overlay + ":\n" + text).isTrue();
        return text;
    }
}
