package io.meterline.localstack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The broker JVM's entry point: runs {@code kafka.Kafka}, prints {@link #READY_MARKER} once the broker answers
 * metadata requests, and exits when its parent's pipe on standard input closes, so that no broker outlives the JVM
 * that started it.
 */
public final class BrokerMain {

    public static final String READY_MARKER = "METERLINE-KAFKA-READY";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        String config = args[0];
        String bootstrap = args[1];
        Thread watchdog = new Thread(BrokerMain::exitWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread probe = new Thread(() -> announceWhenReady(bootstrap), "readiness-probe");
        probe.setDaemon(true);
        probe.start();
        kafka.Kafka.main(new String[] { config });
    }

    private static void exitWhenParentGoes() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The parent never writes; reading only detects that the pipe closed.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of input.
        }
        // A broker whose shutdown hangs (seen when its data directory is in use) must still go: halt after a grace.
        Thread reaper = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(1);
        }, "exit-reaper");
        reaper.setDaemon(true);
        reaper.start();
        System.exit(0);
    }

    private static void announceWhenReady(String bootstrap) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (true) {
            try (Admin admin = Admin.create(config)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    System.out.println(READY_MARKER);
                    System.out.flush();
                    return;
                }
            } catch (Exception e) {
                // Not up yet: try again shortly.
            }
            try {
                Thread.sleep(Duration.ofMillis(200).toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
