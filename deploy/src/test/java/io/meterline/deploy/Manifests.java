package io.meterline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The chart rendered as Helm renders it, and any multi-document YAML read as one JSON tree per object. */
final class Manifests {

    static final Path REPOSITORY = Path.of(System.getProperty("meterline.repository", "..")).toAbsolutePath()
            .normalize();
    static final Path CHART = REPOSITORY.resolve("helm/meterline");
    static final String RELEASE = "meterline";
    static final String NAMESPACE = "meterline";

    /** A key twice in one mapping is an error, as kubectl finds it, not the last one winning. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Manifests() {
    }

    /** The chart rendered with these values files (relative to the repository) and --set values, in order. */
    static String renderText(Map<String, Object> sets, String... valuesFiles) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0");
        for (String file : valuesFiles) {
            template = template.withValuesFile(REPOSITORY.resolve(file));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    static List<JsonNode> render(String... valuesFiles) {
        return parse(renderText(Map.of(), valuesFiles));
    }

    /** Each document that holds an object; empty documents (a template that rendered nothing) are skipped. */
    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml);
             MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }

    static String json(JsonNode node) {
        return node.toString();
    }
}
