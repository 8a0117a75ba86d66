package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSummary;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "campaigns", mixinStandardHelpOptions = true,
        description = "List campaigns: trials by state and the best trial so far (the confirmed winner once there is one).")
public final class CampaignsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = storeOptions.open()) {
            List<CampaignSummary> all = store.campaigns();
            Map<Long, Optional<BestTrial>> best = new HashMap<>();
            for (CampaignSummary s : all) best.put(s.campaign().id(), BestTrial.of(store, s.campaign()));
            if (json) {
                out.println(StoreJson.write(all.stream().map(s -> StoreJson.summary(s, best.get(s.campaign().id())))
                        .toList()));
            } else if (all.isEmpty()) {
                out.println("No campaigns in " + storeOptions.describe() + " yet: `lstm-tuner train` records one.");
            } else {
                TextTable t = new TextTable("NAME", "CREATED", "TRIALS", "COMPLETE", "PRUNED", "FAILED", "RUNNING",
                        "WAITING", "OBJECTIVE", "BEST", "BEST TRIAL").right(2, 3, 4, 5, 6, 7, 9, 10);
                for (CampaignSummary s : all) {
                    var c = s.counts();
                    Trial b = best.get(s.campaign().id()).map(BestTrial::trial).orElse(null);
                    t.row(s.campaign().name(), Fmt.time(s.campaign().createdAt()), s.total(),
                            c.get(TrialState.COMPLETE), c.get(TrialState.PRUNED), c.get(TrialState.FAILED),
                            c.get(TrialState.RUNNING), c.get(TrialState.WAITING),
                            s.campaign().objective() + " (" + (s.campaign().direction().label().substring(0, 3)) + ")",
                            b == null ? "-" : Fmt.num(b.objective()),
                            b == null ? "-" : "#" + b.number() + (best.get(s.campaign().id()).orElseThrow().confirmed()
                                    ? " (confirmed)" : ""));
                }
                out.print(t.render());
            }
        }
        out.flush();
        return 0;
    }
}
