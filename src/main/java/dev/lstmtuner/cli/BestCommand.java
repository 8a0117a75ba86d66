package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.search.ConfirmedRanking;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "best", mixinStandardHelpOptions = true,
        description = {"Show a campaign's best trial and write its full resolved config to a file.",
                "`train --config` accepts the file unchanged (same data, seed and threads: the same result)."})
public final class BestCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "<campaign>")
    String campaign;

    @Option(names = "--config-out", paramLabel = "FILE", description = "Write the best trial's config here.")
    Path configOut;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = storeOptions.open()) {
            Campaign c = store.campaign(campaign).orElseThrow(() -> new BadInputException(
                    "no campaign \"" + campaign + "\"; list them with `lstm-tuner campaigns`"));
            // a confirmed campaign's best is the winner by mean over seeds, not the luckiest single run
            Optional<ConfirmedRanking> confirmed = ConfirmedView.ranking(store, c);
            Trial best = confirmed.map(r -> r.winner().original()).or(() -> store.best(campaign))
                    .orElseThrow(() -> new BadInputException("campaign \"" + campaign + "\" has no completed trial yet"));
            RunConfig config = configOf(store, best);
            out.printf("best trial %s: objective %s, params %s%n", best.label(), Fmt.num(best.objective()), Fmt.params(best.params()));
            if (confirmed.isPresent()) {
                confirmed.get().sentences().forEach(line -> out.println("  " + line));
            } else if (best.metrics() != null) {
                out.println("  on the test windows it is " + ConfirmedView.verdict(best.metrics())
                        + "; not confirmed over seeds (the experiment had no \"confirm\")");
            }
            if (configOut != null) {
                if (configOut.getParent() != null) Files.createDirectories(configOut.getParent());
                Files.writeString(configOut, ConfigLoader.toJson(config) + "\n");
                out.println("wrote " + configOut + "; train it with: bin/lstm-tuner train --config " + Fmt.shell(configOut));
            } else {
                out.println(ConfigLoader.toJson(config));
            }
        }
        out.flush();
        return 0;
    }

    /** The trial's full resolved config, as its provenance recorded it. */
    static RunConfig configOf(Store store, Trial t) {
        TrialReport r = store.report(t.id()).orElseThrow();
        if (r.provenance() == null) {
            throw new BadInputException("trial " + t.label() + " has no recorded provenance (it never started training)");
        }
        return ConfigLoader.parse(r.provenance().configJson(), "trial " + t.label() + " (recorded config)");
    }
}
