package io.meterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Each service's Dockerfiles keep what the chart relies on: uid 185 (the chart's runAsUser), the working directory
 * where the chart mounts config/, port 8080, an exec-form entry point (no shell at run time) and a pinned base image.
 * No image is built here: no Docker engine or registry is reachable (docs/deployment.md, "Images").
 */
class ImagesTest {

    @ParameterizedTest
    @ValueSource(strings = { "metering-service", "pricing-service", "billing-service", "projection-service",
            "admin-gateway" })
    void theDockerfilesMatchTheChart(String service) throws IOException {
        JsonNode pod = Manifests.render().stream()
                .filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
                .at("/spec/template/spec");
        String user = pod.at("/securityContext/runAsUser").asText();
        String mount = pod.at("/containers/0/volumeMounts/0/mountPath").asText();
        for (String variant : List.of("Dockerfile.jvm", "Dockerfile.native")) {
            Path file = Manifests.REPOSITORY.resolve(service).resolve("src/main/docker").resolve(variant);
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
            String at = service + "/" + variant;
            assertThat(lines).as(at).contains("USER " + user, "EXPOSE 8080",
                    "WORKDIR " + mount.substring(0, mount.lastIndexOf('/')));
            assertThat(lines.stream().filter(l -> l.startsWith("FROM ")).toList()).as(at + ": a pinned base")
                    .singleElement().matches(l -> l.matches("FROM [^ :]+:[^ ]+") && !l.endsWith(":latest"), "pinned");
            assertThat(lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).toList()).as(at + ": exec form")
                    .singleElement().matches(l -> l.startsWith("ENTRYPOINT [\""), "exec form");
            assertThat(lines).as(at + ": nothing runs a shell at build time either").noneMatch(l -> l.startsWith("RUN "));
        }
    }
}
