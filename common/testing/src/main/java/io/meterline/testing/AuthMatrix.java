package io.meterline.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.restassured.specification.RequestSpecification;

/**
 * Every operation of a service's OpenAPI document against every kind of caller, so that a new endpoint is covered
 * without anyone remembering to: no token, a malformed, expired or foreign token and an unknown API key get 401; a
 * token without a Meterline role 403; each role the operation declares gets past the door (neither 401 nor 403), and
 * each it does not declare 403. No answer is ever a 5xx, and an operation that declares no roles is a failure. A
 * body, where one is taken, is malformed on purpose, so that a caller who gets past the door changes nothing.
 */
public final class AuthMatrix {

    /** A caller: its bearer token (null for none), and the role it holds, or null when it must get {@code refusal}. */
    public record Caller(String token, String role, int refusal) {

        public static Caller refused(String token, int status) {
            return new Caller(token, null, status);
        }

        public static Caller holding(String token, String role) {
            return new Caller(token, role, 0);
        }
    }

    private AuthMatrix() {
    }

    /** The callers every service meets; services with API keys add theirs. */
    public static Map<String, Caller> standardCallers() {
        Map<String, Caller> callers = new LinkedHashMap<>();
        callers.put("no token", Caller.refused(null, 401));
        callers.put("malformed token", Caller.refused("not-a-token", 401));
        callers.put("expired token", Caller.refused(TestTokens.expiredAdmin(), 401));
        callers.put("token from another issuer", Caller.refused(TestTokens.adminFromAnotherIssuer(), 401));
        callers.put("unknown API key", Caller.refused("mlk_" + "A".repeat(43), 401));
        callers.put("no Meterline role", Caller.refused(TestTokens.token("gary-guest", "guest"), 403));
        callers.put("viewer", Caller.holding(TestTokens.viewer(), "viewer"));
        callers.put("operator", Caller.holding(TestTokens.operator(), "operator"));
        callers.put("admin", Caller.holding(TestTokens.admin(), "admin"));
        return callers;
    }

    /**
     * Runs the matrix and returns every violation, each naming the operation, the caller and the answer. Operations in
     * {@code notCalledByHolders} start work when allowed (a recompute of everything): only refused callers try them.
     */
    public static List<String> violations(Map<String, Caller> callers, Set<String> notCalledByHolders) {
        List<String> violations = new ArrayList<>();
        List<OpenApiOperations.Operation> operations = OpenApiOperations.all();
        if (operations.isEmpty()) {
            violations.add("the OpenAPI document lists no operations");
        }
        for (OpenApiOperations.Operation op : operations) {
            if (op.roles().isEmpty()) {
                violations.add(op.name() + " declares no roles: add @RolesAllowed (and @SecurityRequirement where "
                        + "SmallRye cannot see it)");
                continue;
            }
            callers.forEach((who, caller) -> {
                if (caller.role() != null && notCalledByHolders.contains(op.name())) {
                    return;
                }
                int status = call(op, caller.token());
                int expected = caller.role() == null ? caller.refusal() : op.roles().contains(caller.role()) ? 0 : 403;
                boolean ok = status < 500 && (expected == 0 ? status != 401 && status != 403 : status == expected);
                if (!ok) {
                    violations.add(op.name() + " as " + who + ": " + status + ", expected "
                            + (expected == 0 ? "past the door (not 401 or 403)" : String.valueOf(expected)));
                }
            });
        }
        return violations;
    }

    private static int call(OpenApiOperations.Operation op, String token) {
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (op.bodyType() != null) {
            request.contentType(op.bodyType()).body("{");
        }
        String path = OpenApiOperations.concretePath(op.path());
        return request.when().request(op.method().toUpperCase(Locale.ROOT), path).then().extract().statusCode();
    }
}
