package io.meterline.localstack.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.ToIntFunction;

import io.meterline.localstack.keycloak.LocalCredentials;
import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.services.MeterlineService;

/** The table of URLs and credentials printed once the stack is up. */
final class Banner {

    private Banner() {
    }

    static void print(PrintStream out, ToIntFunction<MeterlineService> ports, int keycloakPort, int kafkaPort,
            int postgresPort, LocalCredentials credentials, Path credentialsFile, Path logs, Duration took) {
        String row = "  %-20s %-28s %s%n";
        out.println();
        out.printf(row, "SERVICE", "URL", "WHAT");
        for (MeterlineService service : MeterlineService.values()) {
            out.printf(row, service.module(), "http://localhost:" + ports.applyAsInt(service), service.role());
        }
        out.printf(row, "keycloak", "http://localhost:" + keycloakPort, "OIDC provider, realm " + LocalCredentials.REALM
                + " (admin console: /admin, user admin / " + credentials.keycloakAdminPassword() + ")");
        out.printf(row, "kafka", "127.0.0.1:" + kafkaPort, "KRaft broker");
        out.printf(row, "postgresql", "127.0.0.1:" + postgresPort, "user " + PostgresServer.USER + " / "
                + PostgresServer.PASSWORD + ", one database per service");
        out.println();
        out.println("  Every service serves /q/health/ready, /q/metrics and /q/openapi.");
        out.println();
        out.printf(row, "LOGIN", "PASSWORD", "ROLE");
        out.printf(row, "admin", credentials.adminPassword(), "admin");
        out.printf(row, "operator", credentials.operatorPassword(), "operator");
        out.printf(row, "viewer", credentials.viewerPassword(), "viewer");
        out.printf(row, LocalCredentials.AUTOMATION_CLIENT_ID, credentials.automationClientSecret(),
                "admin (client credentials, for scripts)");
        out.println();
        out.println("  A token:  curl -s -d grant_type=client_credentials -d client_id="
                + LocalCredentials.AUTOMATION_CLIENT_ID + " -d client_secret=" + credentials.automationClientSecret()
                + " " + credentials.tokenUrl());
        out.println("  Credentials for scripts: " + credentialsFile);
        out.println("  Logs: " + logs);
        out.printf("  Started in %.1f s. Press Ctrl-C to stop.%n", took.toMillis() / 1000.0);
        out.println();
    }
}
