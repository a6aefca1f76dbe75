package io.meterline.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonParser;

/**
 * Checks a rendered object against the Kubernetes API. Built-in kinds go through client-java's models, generated
 * from the API's OpenAPI document: {@code validateJsonElement} refuses unknown fields and missing required ones, and
 * {@code fromJson} refuses values of the wrong type. Custom resources have no schema here, so their required
 * fields are checked by path.
 */
final class KubernetesSchema {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final String DNS_1123 = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    /** apiVersion/kind of the custom resources the chart may render, and the fields each needs. */
    private static final Map<String, List<String>> CUSTOM = Map.of(
            "monitoring.coreos.com/v1/ServiceMonitor", List.of("/spec/selector/matchLabels", "/spec/endpoints/0/port"),
            "kafka.strimzi.io/v1beta2/Kafka", List.of("/spec/kafka/version", "/spec/kafka/listeners/0/name",
                    "/spec/kafka/listeners/0/port", "/spec/kafka/listeners/0/type", "/spec/entityOperator/topicOperator"),
            "kafka.strimzi.io/v1beta2/KafkaNodePool", List.of("/metadata/labels/strimzi.io~1cluster", "/spec/replicas",
                    "/spec/roles/0", "/spec/storage/type"),
            "kafka.strimzi.io/v1beta2/KafkaTopic", List.of("/metadata/labels/strimzi.io~1cluster", "/spec/topicName",
                    "/spec/partitions", "/spec/replicas"),
            "postgresql.cnpg.io/v1/Cluster", List.of("/spec/instances", "/spec/storage/size",
                    "/spec/bootstrap/initdb/database", "/spec/bootstrap/initdb/owner"),
            "gateway.networking.k8s.io/v1/HTTPRoute", List.of("/spec/parentRefs/0/name", "/spec/rules/0/matches/0/path",
                    "/spec/rules/0/backendRefs/0/name", "/spec/rules/0/backendRefs/0/port"));

    private KubernetesSchema() {
    }

    /** What is wrong with the object, in words; empty when it is valid. */
    static List<String> problems(JsonNode object) {
        List<String> problems = new ArrayList<>();
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String name = object.path("metadata").path("name").asText();
        if (!name.matches(DNS_1123) || name.length() > 253) {
            problems.add(kind + " '" + name + "': metadata.name is not a DNS-1123 name");
        }
        List<String> required = CUSTOM.get(apiVersion + "/" + kind);
        if (required != null) {
            for (String path : required) {
                if (object.at(path).isMissingNode() || object.at(path).isNull()) {
                    problems.add(Manifests.name(object) + ": " + path + " is required");
                }
            }
            return problems;
        }
        Class<?> model = model(apiVersion, kind);
        if (model == null) {
            problems.add(Manifests.name(object) + ": " + apiVersion + " " + kind + " is not a Kubernetes API kind");
            return problems;
        }
        String json = Manifests.json(object);
        try {
            Method validate = model.getMethod("validateJsonElement", com.google.gson.JsonElement.class);
            validate.invoke(null, JsonParser.parseString(json));
            model.getMethod("fromJson", String.class).invoke(null, json);
        } catch (InvocationTargetException e) {
            problems.add(Manifests.name(object) + ": " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no validateJsonElement/fromJson", e);
        }
        return problems;
    }

    /** apps/v1 Deployment is V1Deployment; autoscaling/v2 HorizontalPodAutoscaler is V2HorizontalPodAutoscaler. */
    private static Class<?> model(String apiVersion, String kind) {
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String prefix = version.substring(0, 1).toUpperCase(Locale.ROOT) + version.substring(1);
        try {
            return Class.forName(MODELS + prefix + kind);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
