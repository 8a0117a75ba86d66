package dev.lstmtuner.cli;

import java.io.PrintWriter;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.StoreErrors;
import dev.lstmtuner.store.StoreException;
import dev.lstmtuner.store.StoreFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point: {@code lstm-tuner <command>}. Bad input exits with code 2, a usage error too (picocli's default),
 * and so does a storage fault (disk full, read-only or damaged store), each as one line.
 */
@Command(name = "lstm-tuner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Hyperparameter search and experiment tracking for LSTM price forecasters.",
        subcommands = {
                TrainCommand.class,
                FetchCommand.class,
                ReportCommand.class,
                SearchCommand.class,
                WorkerCommand.class,
                CoordinateCommand.class,
                CampaignsCommand.class,
                TrialsCommand.class,
                ShowCommand.class,
                ExportCommand.class,
                DeleteCommand.class,
                ServeCommand.class,
                BestCommand.class,
                ReproduceCommand.class,
                ExportModelCommand.class,
                PredictCommand.class,
                LockboxCommand.class,
                AuditCommand.class,
                SteeringCommands.Pause.class,
                SteeringCommands.Continue.class,
                SteeringCommands.Cancel.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(null, null, args);
    }

    /** Runs a command with its output and errors captured (tests); null keeps the standard streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        SerialFilter.install(); // before any file or peer is read: no Java object outside the allow-list is ever deserialized
        StoreFactory.bindLoopback();
        CommandLine cl = new CommandLine(new Main());
        if (out != null) cl.setOut(out);
        if (err != null) cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInputException) {
                cmd.getErr().println("error: " + ex.getMessage());
                cmd.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof StoreException se) {
                // a full disk, a read-only file, a damaged store: one line naming the file, not a stack trace
                cmd.getErr().println("error: " + StoreErrors.explain(se));
                cmd.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
