package io.meterline.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The operations of the service's own OpenAPI document, as the auth matrix and the body fuzzing walk them. */
final class OpenApiOperations {

    /**
     * One operation of the document: method, path, the roles it declares, the media type of its body if it takes one,
     * and that body's examples.
     */
    record Operation(String method, String path, List<String> roles, String bodyType, List<Object> examples) {

        String name() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    private OpenApiOperations() {
    }

    /** Every operation of the document served at /q/openapi. */
    @SuppressWarnings("unchecked")
    static List<Operation> all() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").when()
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> op) || !Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            List<String> roles = new ArrayList<>();
            if (op.get("security") instanceof List<?> requirements) {
                for (Object requirement : requirements) {
                    if (requirement instanceof Map<?, ?> schemes) {
                        schemes.values().forEach(scopes -> ((List<String>) scopes).forEach(roles::add));
                    }
                }
            }
            String bodyType = null;
            List<Object> examples = new ArrayList<>();
            if (op.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content
                    && !content.isEmpty()) {
                bodyType = String.valueOf(content.keySet().iterator().next());
                if (content.get(bodyType) instanceof Map<?, ?> media && media.get("examples") instanceof Map<?, ?> named) {
                    named.values().forEach(example -> {
                        if (example instanceof Map<?, ?> e && e.containsKey("value")) {
                            examples.add(e.get("value"));
                        }
                    });
                }
            }
            operations.add(new Operation(method, path, roles, bodyType, examples));
        }));
        return operations;
    }

    /** The path with an id no record has for {id}, and a word for any other parameter. */
    static String concretePath(String path) {
        return path.replaceAll("\\{id}", UUID.randomUUID().toString()).replaceAll("\\{[^}]+}", "x");
    }
}
