package io.meterline.localstack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command behind {@code ./meterline}. */
@Command(name = "meterline", mixinStandardHelpOptions = true, version = "Meterline 0.1.0",
        description = "Run Meterline on this machine.", subcommands = { UpCommand.class })
public final class MeterlineCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with start-up refusals printed as plain messages and exit code 2. */
    static CommandLine commandLine() {
        return new CommandLine(new MeterlineCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(e instanceof IllegalStateException ? e.getMessage() : e.toString());
                    return 2;
                });
    }
}
