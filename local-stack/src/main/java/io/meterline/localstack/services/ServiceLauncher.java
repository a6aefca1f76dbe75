package io.meterline.localstack.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.process.HttpProbe;
import io.meterline.localstack.process.ManagedProcess;

/** Starts one service as a child JVM, configured for the local stack, and waits for its readiness check. */
public final class ServiceLauncher {

    /**
     * Where the infrastructure is, as the services must be told, and what single services are told besides (such as
     * where billing finds metering, and billing's own client secret).
     */
    public record Wiring(String postgresHost, int postgresPort, String kafkaBootstrap, String oidcUrl,
            Map<MeterlineService, Map<String, String>> serviceProperties) {

        public Wiring(String postgresHost, int postgresPort, String kafkaBootstrap, String oidcUrl) {
            this(postgresHost, postgresPort, kafkaBootstrap, oidcUrl, Map.of());
        }
    }

    private ServiceLauncher() {
    }

    public static ManagedProcess start(MeterlineService service, int port, Wiring wiring, Path repository,
            Path logs) {
        Path jar = service.runnableJar(repository);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing. Build it with: mvn -B -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-Xms64m"));
        command.addAll(service.jvmOptions());
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Dmeterline.db.host=" + wiring.postgresHost(),
                "-Dmeterline.db.port=" + wiring.postgresPort(),
                "-Dmeterline.db.name=" + service.database(),
                "-Dmeterline.db.username=" + PostgresServer.USER,
                "-Dmeterline.db.password=" + PostgresServer.PASSWORD,
                "-Dkafka.bootstrap.servers=" + wiring.kafkaBootstrap(),
                // Everything runs on one machine: compressing Kafka records would spend CPU to save no network.
                "-Dkafka.compression.type=none",
                "-Dmeterline.oidc.url=" + wiring.oidcUrl()));
        wiring.serviceProperties().getOrDefault(service, Map.of())
                .forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        return ManagedProcess.start(service.module(), command, Map.of(), repository,
                logs.resolve(service.module() + ".log"));
    }

    public static void awaitReady(ManagedProcess process, int port, Duration timeout) {
        process.awaitReady(() -> HttpProbe.answers200("http://127.0.0.1:" + port + "/q/health/ready"), timeout);
    }
}
