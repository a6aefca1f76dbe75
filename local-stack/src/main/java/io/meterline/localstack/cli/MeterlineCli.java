package io.meterline.localstack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command behind {@code ./meterline}. */
@Command(name = "meterline", mixinStandardHelpOptions = true, version = "Meterline 0.1.0",
        description = "Run Meterline on this machine.", subcommands = { UpCommand.class })
public final class MeterlineCli {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new MeterlineCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(e instanceof IllegalStateException ? e.getMessage() : e.toString());
                    return 2;
                });
        System.exit(commandLine.execute(args));
    }
}
