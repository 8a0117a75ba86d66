package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.train.LeakageAudit;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check the pipeline for look-ahead with leakage canaries.",
                "Runs the pipeline of an experiment's base config (or a config file) again on the same data with the",
                "training target shuffled (5 times), with every test bar changed, and with a feature that is the",
                "future target. Exit 1 when the pipeline leaks or is blind, saying which."},
        footer = {"", "Example:", "  bin/lstm-tuner audit experiments/btc-2024-walkforward.json"})
public final class AuditCommand implements Callable<Integer> {
    public static final int EXIT_FAILED = 1;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<experiment|config>")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RunConfig c = config(file);
        LoadedData data = DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows(), c.dateRange());
        out.println("audit of " + file + " (model " + c.model() + ", " + c.evaluation().folds() + " fold(s)): "
                + LeakageAudit.SHUFFLES + " shuffled-target runs, 2 future-change runs, 1 planted-target run");
        out.flush();
        LeakageAudit.Result r = LeakageAudit.run(c, data);
        for (LeakageAudit.Canary k : r.canaries()) {
            out.println("  " + (k.passed() ? "pass" : "FAIL") + "  " + k.name() + ": " + k.finding());
        }
        if (r.passed()) {
            out.println("audit passed: no leak found, and the pipeline sees a planted signal");
        } else {
            out.println("audit FAILED: the pipeline " + (r.leaks() && r.blind() ? "leaks and is blind"
                    : r.leaks() ? "leaks (selection or the model reaches the test bars)"
                    : "is blind (a feature that is the future target does not help: inputs and targets misaligned?)"));
        }
        out.flush();
        return r.passed() ? 0 : EXIT_FAILED;
    }

    /** An experiment's base config (a file with "space"), else a config file. */
    static RunConfig config(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such file; give an experiment or a config");
        JsonNode n;
        try {
            n = ConfigLoader.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            return ConfigLoader.load(file); // its error names the line and column
        }
        if (n != null && n.isObject() && n.has("space")) return ExperimentLoader.load(file).base();
        return ConfigLoader.load(file);
    }
}
