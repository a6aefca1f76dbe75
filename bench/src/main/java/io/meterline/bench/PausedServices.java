package io.meterline.bench;

import java.io.IOException;
import java.util.List;

/**
 * Services of the local stack frozen (SIGSTOP) for a benchmark and resumed (SIGCONT) after it, found by their jar on
 * the command line. With everything co-located on a small machine, projection-service's recompute takes a core of its
 * own while usage flows; pausing it measures metering alone, as a deployment that runs projections on other nodes
 * sees it. Usage waits on Kafka meanwhile and projections catch up once resumed.
 */
final class PausedServices implements AutoCloseable {

    private final List<ProcessHandle> paused;

    private PausedServices(List<ProcessHandle> paused) {
        this.paused = paused;
    }

    /** Pauses every running process of {@code module} (e.g. "projection-service"); none found is an error. */
    static PausedServices pause(String module) throws IOException, InterruptedException {
        List<ProcessHandle> found = running(module);
        if (found.isEmpty()) {
            throw new IllegalStateException("No running " + module + " of ./meterline up was found to pause");
        }
        for (ProcessHandle p : found) {
            signal("STOP", p);
        }
        return new PausedServices(found);
    }

    /** The running processes of {@code module} that {@code ./meterline up} started from this checkout's build. */
    static List<ProcessHandle> running(String module) {
        String jar = module + "/target/quarkus-app/quarkus-run.jar";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(jar)).orElse(false)).toList();
    }

    private static void signal(String signal, ProcessHandle p) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed with " + exit);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (ProcessHandle p : paused) {
            signal("CONT", p);
        }
    }
}
