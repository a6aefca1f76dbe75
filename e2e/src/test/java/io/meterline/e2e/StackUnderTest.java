package io.meterline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.localstack.keycloak.LocalCredentials;
import io.meterline.localstack.process.ManagedProcess;
import io.meterline.localstack.process.Ports;

/**
 * The stack {@code ./meterline up} starts (PostgreSQL, Kafka, Keycloak, the five services and the demo data), on free
 * ports and a home of its own, started once per test JVM by the launcher a user runs, and stopped at its end.
 */
public final class StackUnderTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(15);
    private static StackUnderTest instance;

    public final int gatewayPort;
    public final Map<String, Integer> servicePorts;
    public final Path home;
    public final LocalCredentials credentials;
    private final ManagedProcess up;
    private final HttpClient http = HttpClient.newHttpClient();

    private StackUnderTest(Map<String, Integer> ports, Path home, ManagedProcess up) {
        this.gatewayPort = ports.get("gateway");
        this.servicePorts = ports;
        this.home = home;
        this.up = up;
        this.credentials = LocalCredentials.loadOrCreate(home.resolve("credentials"),
                "http://localhost:" + ports.get("keycloak"));
    }

    public static synchronized StackUnderTest get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.up.stop(Duration.ofSeconds(90)),
                    "e2e-stack-stop"));
        }
        return instance;
    }

    private static StackUnderTest start() {
        Path repository = Path.of(System.getProperty("meterline.repository", "..")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("meterline.e2e.home", "target/stack")).toAbsolutePath();
        try {
            // Data from a previous run would make this one's assertions depend on it. Keycloak stays unpacked
            // (its realm is imported again: up does so when the credentials are new).
            for (String part : List.of("pg", "kafka", "credentials", "logs", "demo.loaded")) {
                deleteRecursively(home.resolve(part));
            }
            Files.createDirectories(home);
            Map<String, Integer> ports = freePorts();
            String classpath = repository.resolve("local-stack/target/classes") + ":" + Files.readString(
                    repository.resolve("local-stack/target/classes/META-INF/meterline/runtime.classpath")).strip();
            List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-cp", classpath,
                    "io.meterline.localstack.cli.MeterlineCli", "up", "--home", home.toString(), "--repository",
                    repository.toString()));
            for (String name : List.of("gateway", "metering", "pricing", "billing", "projection", "keycloak", "kafka",
                    "postgres")) {
                command.add("--" + name + "-port");
                command.add(String.valueOf(ports.get(name)));
            }
            ManagedProcess up = ManagedProcess.start("meterline up", command, Map.of(), repository,
                    home.resolve("up.log"));
            up.awaitReady(() -> up.logContains("Meterline is up"), START_TIMEOUT);
            // The demo data loads after the stack is up, through the same APIs; the screens are checked against it.
            up.awaitReady(() -> up.logContains("Demo data loaded") || up.logContains("Demo data could not"),
                    START_TIMEOUT);
            if (!up.logContains("Demo data loaded")) {
                throw new IllegalStateException("The demo data did not load:\n" + up.tail(30));
            }
            return new StackUnderTest(ports, home, up);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Free ports for everything, each with the next port free too where the server takes two. */
    private static Map<String, Integer> freePorts() {
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        for (String name : List.of("gateway", "metering", "pricing", "billing", "projection", "postgres")) {
            ports.put(name, next(taken, false));
        }
        ports.put("keycloak", next(taken, true));
        ports.put("kafka", next(taken, true));
        return ports;
    }

    private static int next(Set<Integer> taken, boolean pair) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = Ports.freePort();
            if (!taken.contains(port) && (!pair || port < 65535 && Ports.isFree(port + 1) && !taken.contains(port + 1))) {
                taken.add(port);
                if (pair) {
                    taken.add(port + 1);
                }
                return port;
            }
        }
        throw new IllegalStateException("No free ports");
    }

    public String gatewayUrl() {
        // localhost, not 127.0.0.1: Keycloak's redirect URIs and the cookies are for this name.
        return "http://localhost:" + gatewayPort;
    }

    public String serviceUrl(String service) {
        return "http://127.0.0.1:" + servicePorts.get(service);
    }

    /** An access token for a realm user, by the password grant of the console's client (enabled for tests). */
    public String userToken(String user, String password) {
        return token(Map.of("grant_type", "password", "client_id", LocalCredentials.CONSOLE_CLIENT_ID,
                "client_secret", credentials.consoleClientSecret(), "username", user, "password", password,
                "scope", "openid"));
    }

    /** The automation client's token (role admin), as scripts and generated clients use it. */
    public String automationToken() {
        return token(Map.of("grant_type", "client_credentials", "client_id", LocalCredentials.AUTOMATION_CLIENT_ID,
                "client_secret", credentials.automationClientSecret()));
    }

    private String token(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(credentials.tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("No token: " + response.statusCode() + " " + response.body());
            }
            return new ObjectMapper().readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills one service's process (SIGKILL, as a crash), found by the port it listens on. */
    public void kill(String service) {
        int port = servicePorts.get(service);
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains("-Dquarkus.http.port=" + port)).forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
