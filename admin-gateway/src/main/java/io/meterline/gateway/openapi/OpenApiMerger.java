package io.meterline.gateway.openapi;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.meterline.gateway.routing.OwningService;

/**
 * One OpenAPI document for everything an admin can call at the gateway, made from each service's own. Pure: the
 * documents in, the merged one out.
 *
 * <p>Rules, in order: a service's path is kept only if the gateway sends that path to it ({@link OwningService}),
 * so the shared {@code whoami} and {@code audit} come from the gateway alone and ingest stays out. Schemas with the
 * same name and the same content are kept once; a name two services use differently becomes
 * {@code <Service><Name>} in the second, with its references rewritten. An {@code operationId} already taken gets the
 * service's name in front, so a generated client has one method per operation.
 */
public final class OpenApiMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMA_REF = "#/components/schemas/";

    private OpenApiMerger() {
    }

    /** A service's document; {@code owner} is empty for the gateway's own, whose paths are all kept. */
    public record Source(String service, Optional<OwningService> owner, JsonNode document) {
    }

    public static ObjectNode merge(List<Source> sources, List<String> unavailable, String version) {
        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", sources.stream().map(s -> s.document().path("openapi").asText(null))
                .filter(v -> v != null).findFirst().orElse("3.1.0"));
        ObjectNode info = merged.putObject("info");
        info.put("title", "Meterline API");
        info.put("version", version);
        info.put("description", "Every operation an admin can call at the gateway's one origin, merged from the "
                + "services' own documents. Call it with an OIDC bearer token; the gateway passes it to the service "
                + "that owns the path.");
        ObjectNode paths = NODES.objectNode();
        ObjectNode schemas = NODES.objectNode();
        ObjectNode securitySchemes = NODES.objectNode();
        Map<String, JsonNode> tags = new TreeMap<>();
        Set<String> operationIds = new HashSet<>();
        for (Source source : sources) {
            ObjectNode document = source.document().deepCopy();
            Map<String, String> renames = mergeSchemas(source.service(), document, schemas);
            rewriteRefs(document, renames);
            document.path("paths").fields().forEachRemaining(path -> {
                if (!paths.has(path.getKey()) && routedTo(source).test(path.getKey())) {
                    uniqueOperationIds(source.service(), path.getValue(), operationIds);
                    paths.set(path.getKey(), path.getValue());
                }
            });
            document.path("components").path("securitySchemes").fields()
                    .forEachRemaining(e -> securitySchemes.putIfAbsent(e.getKey(), e.getValue()));
            document.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
        }
        merged.set("paths", sortedObject(paths));
        ObjectNode components = merged.putObject("components");
        components.set("schemas", sortedObject(schemas));
        components.set("securitySchemes", securitySchemes);
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-meterline-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    private static Predicate<String> routedTo(Source source) {
        if (source.owner().isEmpty()) {
            return path -> true;
        }
        return path -> path.startsWith("/api/v1/")
                && OwningService.of(path.substring("/api/v1/".length())).equals(source.owner());
    }

    /** Adds the document's schemas; returns the names that had to change. */
    private static Map<String, String> mergeSchemas(String service, JsonNode document, ObjectNode schemas) {
        Map<String, String> renames = new HashMap<>();
        JsonNode own = document.path("components").path("schemas");
        // First decide every name, so that references inside the schemas are rewritten too.
        own.fields().forEachRemaining(e -> {
            JsonNode existing = schemas.get(e.getKey());
            if (existing != null && !existing.equals(e.getValue())) {
                renames.put(e.getKey(), capitalized(service) + e.getKey());
            }
        });
        own.fields().forEachRemaining(e -> {
            JsonNode schema = e.getValue().deepCopy();
            rewriteRefs(schema, renames);
            schemas.set(renames.getOrDefault(e.getKey(), e.getKey()), schema);
        });
        return renames;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                String name = ref.asText().substring(SCHEMA_REF.length());
                if (renames.containsKey(name)) {
                    object.set("$ref", TextNode.valueOf(SCHEMA_REF + renames.get(name)));
                }
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    private static void uniqueOperationIds(String service, JsonNode pathItem, Set<String> taken) {
        pathItem.elements().forEachRemaining(operation -> {
            if (operation instanceof ObjectNode op && op.has("operationId")) {
                String id = op.get("operationId").asText();
                if (!taken.add(id)) {
                    String renamed = service.toLowerCase(Locale.ROOT) + capitalized(id);
                    taken.add(renamed);
                    op.put("operationId", renamed);
                }
            }
        });
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, JsonNode> toMap(ObjectNode object) {
        Map<String, JsonNode> map = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    private static ObjectNode sortedObject(ObjectNode object) {
        ObjectNode sorted = NODES.objectNode();
        new TreeMap<>(toMap(object)).forEach(sorted::set);
        return sorted;
    }
}
