package io.meterline.testing;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * Fuzzes every operation of a service's OpenAPI document that takes a JSON body, as an admin: the document's own
 * examples mutated (a field removed, given twice, or replaced by an extreme number, a huge or hostile string, the
 * wrong type, a huge array or deep nesting), and documents made from nothing. The properties: never a 5xx, never a
 * hang (an answer within the socket timeout), and a refused request writes no audit row, that is, changes nothing.
 * A seeded generator: a failure names its seed, so it can be replayed and become a named regression test.
 */
public final class BodyFuzz {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "fuzz-admin";
    private static final int TIMEOUT_MILLIS = 30_000;

    /** Values no field should take badly: extreme, hostile, or of the wrong type. */
    private static final List<JsonNode> NASTY = List.of(NODES.nullNode(), NODES.textNode(""),
            NODES.textNode(" "), NODES.textNode("\u0000"), NODES.textNode("\uD800"), NODES.textNode("\u202Eɐ\uD83D\uDE42"),
            NODES.textNode("x".repeat(100_000)), NODES.textNode("1e999999999"), NODES.textNode("-1e999999999"),
            NODES.textNode("1e-999999999"), NODES.textNode("NaN"), NODES.textNode("Infinity"),
            NODES.textNode("9999-99-99T99:99:99Z"), NODES.textNode("../../etc/passwd"),
            NODES.textNode("'; DROP TABLE audit_log; --"), NODES.numberNode(new java.math.BigDecimal("1e999999999")),
            NODES.numberNode(new java.math.BigDecimal("-1e999999999")), NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890123456789012345678901234567890")),
            NODES.numberNode(0), NODES.numberNode(-1), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode());

    private BodyFuzz() {
    }

    /** The violations found in {@code cases} bodies per operation; empty when every property held. */
    public static List<String> violations(int cases, long seed, Set<String> skipped) {
        Random random = new Random(seed);
        String token = TestTokens.withSubject(SUBJECT, "admin");
        List<String> violations = new ArrayList<>();
        for (OpenApiOperations.Operation op : OpenApiOperations.all()) {
            if (op.bodyType() == null || !op.bodyType().contains("json") || skipped.contains(op.name())) {
                continue;
            }
            List<JsonNode> examples = examples(op);
            for (int i = 0; i < cases; i++) {
                String body = body(examples, random);
                long auditedBefore = audited();
                Response response;
                try {
                    response = given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                            .setParam("http.socket.timeout", TIMEOUT_MILLIS)
                            .setParam("http.connection.timeout", TIMEOUT_MILLIS)))
                            .header("Authorization", "Bearer " + token).contentType(op.bodyType()).body(body)
                            .when().request(op.method().toUpperCase(Locale.ROOT), OpenApiOperations.concretePath(op.path()));
                } catch (RuntimeException e) {
                    violations.add(op.name() + " did not answer within " + TIMEOUT_MILLIS + " ms (seed " + seed
                            + ", case " + i + "): " + e.getMessage() + "; body: " + abbreviate(body));
                    continue;
                }
                int status = response.statusCode();
                if (status >= 500) {
                    violations.add(op.name() + " answered " + status + " (seed " + seed + ", case " + i + ") to: "
                            + abbreviate(body) + " -> " + abbreviate(response.asString()));
                } else if (status >= 400 && audited() != auditedBefore) {
                    violations.add(op.name() + " answered " + status + " but wrote an audit row (seed " + seed
                            + ", case " + i + ") for: " + abbreviate(body));
                }
            }
        }
        return violations;
    }

    private static List<JsonNode> examples(OpenApiOperations.Operation op) {
        List<JsonNode> examples = new ArrayList<>();
        for (Object example : op.examples()) {
            examples.add(JSON.valueToTree(example));
        }
        if (examples.isEmpty()) {
            examples.add(NODES.objectNode());
        }
        return examples;
    }

    /** A mutated example most of the time; sometimes raw text no JSON reader should take badly. */
    static String body(List<JsonNode> examples, Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return "[".repeat(100_000); // deeper than any reader should follow
        }
        if (kind == 1) {
            JsonNode example = examples.get(random.nextInt(examples.size()));
            String text = example.toString();
            // A key given twice: the first field of the first object, repeated with another value.
            int colon = text.indexOf(':');
            return colon < 0 ? text : text.replaceFirst("^\\{(\"[^\"]*\"):", "{$1:null,$1:");
        }
        JsonNode tree = examples.get(random.nextInt(examples.size())).deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            tree = mutate(tree, random);
        }
        return tree.toString();
    }

    private static JsonNode mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty() || random.nextInt(8) == 0) {
            return nasty(random); // the whole body replaced
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int choice = random.nextInt(4);
            if (names.isEmpty() || choice == 0) {
                object.set("unexpected" + random.nextInt(100), nasty(random));
            } else if (choice == 1) {
                object.remove(names.get(random.nextInt(names.size())));
            } else {
                object.set(names.get(random.nextInt(names.size())), nasty(random));
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(nasty(random));
            } else {
                array.set(random.nextInt(array.size()), nasty(random));
            }
        }
        return root;
    }

    private static JsonNode nasty(Random random) {
        if (random.nextInt(12) == 0) {
            ArrayNode huge = NODES.arrayNode(); // more items than any list here should take
            for (int i = 0; i < 100_000; i++) {
                huge.add(i);
            }
            return huge;
        }
        return NASTY.get(random.nextInt(NASTY.size())).deepCopy();
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                collect(it.next(), containers);
            }
        }
    }

    /** Audit rows written by the fuzzing caller: a refused request must add none. */
    private static long audited() {
        Config config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_log WHERE actor = ?")) {
            s.setString(1, SUBJECT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the audit rows: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }
}
