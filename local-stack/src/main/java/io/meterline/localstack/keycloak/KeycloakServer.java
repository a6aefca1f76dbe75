package io.meterline.localstack.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.meterline.localstack.process.HttpProbe;
import io.meterline.localstack.process.ManagedProcess;

/**
 * A real Keycloak, from its Maven Central distribution, in development mode with the {@code meterline} realm
 * imported on first start. Its H2 data lives in the unpacked distribution and survives restarts.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.7.3";
    private static final String ARTIFACT = "org.keycloak:keycloak-quarkus-dist:" + VERSION + ":tar.gz";

    private final ManagedProcess process;

    private KeycloakServer(ManagedProcess process) {
        this.process = process;
    }

    /** Where the distribution is unpacked under {@code root}. */
    public static Path home(Path root) {
        return root.resolve("keycloak-" + VERSION);
    }

    /**
     * Starts Keycloak on {@code port} (management interface on {@code managementPort}). Downloads and unpacks the
     * distribution into {@code root} on first use, and imports the realm when it does not exist yet.
     */
    public static KeycloakServer start(Path root, Path downloads, int port, int managementPort, String gatewayUrl,
            LocalCredentials credentials, Path logFile, Duration timeout) {
        Path home = home(root);
        try {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                unpack(download(downloads, logFile), root, logFile);
            }
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            Files.writeString(importDir.resolve("meterline-realm.json"), realm(credentials, gatewayUrl),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Keycloak: " + e.getMessage(), e);
        }
        String url = "http://localhost:" + port;
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + managementPort, "--hostname=" + url,
                "--import-realm", "--log-console-color=false");
        Map<String, String> env = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", credentials.keycloakAdminPassword(),
                "JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        ManagedProcess process = ManagedProcess.start("keycloak", command, env, home, logFile);
        KeycloakServer server = new KeycloakServer(process);
        String discovery = credentials.issuer() + "/.well-known/openid-configuration";
        process.awaitReady(() -> HttpProbe.answers200(discovery), timeout);
        return server;
    }

    public ManagedProcess process() {
        return process;
    }

    /** The realm, with this stack's secrets and gateway URL filled in. */
    static String realm(LocalCredentials credentials, String gatewayUrl) throws IOException {
        try (InputStream in = KeycloakServer.class.getResourceAsStream("/META-INF/meterline/meterline-realm.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${ADMIN_PASSWORD}", credentials.adminPassword())
                    .replace("${OPERATOR_PASSWORD}", credentials.operatorPassword())
                    .replace("${VIEWER_PASSWORD}", credentials.viewerPassword())
                    .replace("${AUTOMATION_CLIENT_SECRET}", credentials.automationClientSecret())
                    .replace("${CONSOLE_CLIENT_SECRET}", credentials.consoleClientSecret())
                    .replace("${BILLING_CLIENT_SECRET}", credentials.billingClientSecret())
                .replace("${PROJECTION_CLIENT_SECRET}", credentials.projectionClientSecret())
                    .replace("${GATEWAY_URL}", gatewayUrl);
        }
    }

    private static Path download(Path downloads, Path logFile) {
        Path archive = downloads.resolve("keycloak-quarkus-dist-" + VERSION + ".tar.gz");
        if (Files.exists(archive)) {
            return archive;
        }
        System.out.println("Downloading Keycloak " + VERSION + " from Maven Central (about 180 MB, first start only)...");
        ManagedProcess mvn = ManagedProcess.start("keycloak download",
                List.of("mvn", "-B", "-q", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
                        "-Dartifact=" + ARTIFACT, "-DoutputDirectory=" + downloads.toAbsolutePath(),
                        "-Dmdep.overWriteIfNewer=true"),
                Map.of(), Path.of("."), logFile.resolveSibling("keycloak-download.log"));
        mvn.awaitExit(Duration.ofMinutes(15));
        if (!Files.exists(archive)) {
            throw new IllegalStateException("Maven did not leave " + archive + "; see "
                    + logFile.resolveSibling("keycloak-download.log"));
        }
        return archive;
    }

    private static void unpack(Path archive, Path root, Path logFile) throws IOException {
        Files.createDirectories(root);
        ManagedProcess tar = ManagedProcess.start("keycloak unpack",
                List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", root.toAbsolutePath().toString()),
                Map.of(), root, logFile.resolveSibling("keycloak-unpack.log"));
        tar.awaitExit(Duration.ofMinutes(5));
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}
