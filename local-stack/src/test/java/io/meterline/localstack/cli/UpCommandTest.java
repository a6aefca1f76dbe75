package io.meterline.localstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class UpCommandTest {

    @TempDir
    Path home;

    @Test
    void aTakenPortStopsStartUpAtOnceWithAMessageThatNamesThePortAndTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            StringWriter err = new StringWriter();
            CommandLine cli = MeterlineCli.commandLine();
            cli.setErr(new PrintWriter(err, true));

            int exit = cli.execute("up", "--home", home.toString(), "--metering-port", String.valueOf(port));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("port " + port + " for metering-service (--metering-port)")
                    .contains("METERLINE_*_PORT");
            assertThat(Files.list(home)).as("nothing was started or written").isEmpty();
        }
    }

    @Test
    void everyPortHasAFlagAndAnEnvironmentVariable() {
        StringWriter out = new StringWriter();
        CommandLine cli = MeterlineCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.execute("up", "--help");
        for (String name : new String[] { "gateway", "metering", "pricing", "billing", "projection", "keycloak", "kafka",
                "postgres" }) {
            assertThat(out.toString()).contains("--" + name + "-port")
                    .contains("METERLINE_" + name.toUpperCase(java.util.Locale.ROOT) + "_PORT");
        }
    }
}
