package io.meterline.localstack.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LocalCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void secretsAreMadeOnceAndReadBackOnTheNextStart() throws Exception {
        Path file = dir.resolve("credentials");
        LocalCredentials first = LocalCredentials.loadOrCreate(file, "http://localhost:8180");
        first.write(file);

        LocalCredentials second = LocalCredentials.loadOrCreate(file, "http://localhost:9999");

        assertThat(second.adminPassword()).isEqualTo(first.adminPassword());
        assertThat(second.automationClientSecret()).isEqualTo(first.automationClientSecret());
        assertThat(second.keycloakUrl()).as("the URL follows the current port").isEqualTo("http://localhost:9999");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).contains("KEYCLOAK_URL=http://localhost:8180", "AUTOMATION_CLIENT_ID=meterline-automation",
                "ADMIN_PASSWORD=" + first.adminPassword(), "OPERATOR_PASSWORD=" + first.operatorPassword(),
                "VIEWER_PASSWORD=" + first.viewerPassword(),
                "AUTOMATION_CLIENT_SECRET=" + first.automationClientSecret());
    }

    @Test
    void theRealmCarriesTheRolesUsersAndClientsWithThisStacksSecrets() throws Exception {
        LocalCredentials credentials = LocalCredentials.loadOrCreate(dir.resolve("none"), "http://localhost:8180");

        String json = KeycloakServer.realm(credentials, "http://localhost:8080");

        assertThat(json).doesNotContain("${");
        JsonNode realm = new ObjectMapper().readTree(json);
        assertThat(realm.path("realm").asText()).isEqualTo("meterline");
        assertThat(realm.path("roles").path("realm").findValuesAsText("name"))
                .containsExactlyInAnyOrder("admin", "operator", "viewer");
        assertThat(realm.path("users").findValuesAsText("username"))
                .contains("admin", "operator", "viewer", "service-account-meterline-automation");
        JsonNode automation = client(realm, "meterline-automation");
        assertThat(automation.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(automation.path("secret").asText()).isEqualTo(credentials.automationClientSecret());
        JsonNode billing = client(realm, "meterline-billing");
        assertThat(billing.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(billing.path("secret").asText()).isEqualTo(credentials.billingClientSecret());
        assertThat(realm.path("users").findValues("serviceAccountClientId").stream().map(JsonNode::asText))
                .contains("meterline-billing");
        JsonNode console = client(realm, "meterline-console");
        assertThat(console.path("publicClient").asBoolean()).isFalse();
        assertThat(console.path("redirectUris").get(0).asText()).isEqualTo("http://localhost:8080/*");
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }
}
