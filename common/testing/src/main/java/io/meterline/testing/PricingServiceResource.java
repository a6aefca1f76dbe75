package io.meterline.testing;

import java.util.Map;

import io.meterline.localstack.services.MeterlineService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real pricing-service (its built jar) as a child process on this test JVM's servers, for services that read
 * plans from it over REST (billing's backtests read drafts). Its catalog goes to the same Kafka broker. Started after
 * PostgreSQL, Kafka and the OIDC server, stopped with the application under test.
 */
public class PricingServiceResource implements QuarkusTestResourceLifecycleManager {

    private static final String URL = "meterline.test.pricing.url";
    private static final String PID = "meterline.test.pricing.pid";

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        if (MeteringServiceResource.running(PID)) { // declared more than once, or by several tests: one process
            return Map.of("meterline.pricing.url", url());
        }
        ServiceProcess process = ServiceProcess.of(MeterlineService.PRICING, Map.of()).start();
        System.setProperty(URL, process.url());
        System.setProperty(PID, String.valueOf(process.pid()));
        return Map.of("meterline.pricing.url", process.url());
    }

    @Override
    public void stop() {
        String pid = System.getProperty(PID);
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(handle -> {
                handle.destroy();
                handle.onExit().join();
            });
            System.clearProperty(PID);
        }
    }

    /** pricing-service's base URL. */
    public static String url() {
        return System.getProperty(URL);
    }
}
