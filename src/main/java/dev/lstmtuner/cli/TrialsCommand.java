package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.LastValue;
import dev.lstmtuner.analysis.TrialTests;
import dev.lstmtuner.analysis.Verdict;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;

import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "trials", mixinStandardHelpOptions = true,
        description = "List a campaign's trials, best first (completed trials always before pruned and failed).")
public final class TrialsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "<campaign>", description = "Campaign name.")
    String campaign;

    @Option(names = "--sort", paramLabel = "<key>",
            description = "Sort key: objective (default), val_rmse, test_rmse, test_mae, test_mape, test_r2, "
                    + "direction_accuracy, skill, persistence_rmse, params, epochs, best_epoch, "
                    + "training_seconds, number, or any param name of the campaign.")
    String sort;

    @Option(names = "--order", paramLabel = "asc|desc",
            description = "Override the key's natural order (best first).")
    String order;

    @Option(names = "--state", paramLabel = "<state>",
            description = "Only this state: waiting, running, complete, pruned or failed.")
    String state;

    @Option(names = "--limit", defaultValue = "20", description = "Rows per page (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Rows to skip (default ${DEFAULT-VALUE}).")
    int offset;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrialQuery q = new TrialQuery(campaign, sort, parseOrder(order), parseState(state), requirePositive(limit),
                Math.max(0, offset));
        try (Store store = storeOptions.open()) {
            Page<Trial> page = store.trials(q);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("campaign", campaign);
                m.put("total", page.total());
                m.put("offset", page.offset());
                m.put("limit", page.limit());
                TrialTests tests = new TrialTests(name -> CampaignVerdicts.of(store, name));
                m.put("trials", page.items().stream().map(t -> TestsJson.add(StoreJson.trial(t), t, tests)).toList());
                out.println(StoreJson.write(m));
            } else {
                Campaign c = store.campaign(campaign).orElseThrow(() -> new BadInputException(
                        "no campaign \"" + campaign + "\"; list them with `lstm-tuner campaigns`"));
                out.print(table(page.items(), store, c).render());
                out.printf("%d of %d trials%s%n", page.items().size(), page.total(),
                        page.offset() + page.items().size() < page.total()
                                ? " (more with --offset " + (page.offset() + page.items().size()) + ")" : "");
            }
        }
        out.flush();
        return 0;
    }

    /**
     * The trials as a table. OBJECTIVE of a trial without one (pruned, running, failed) is the objective's metric at
     * its last epoch, as the leaderboard shows it ("297.69 @ ep 2"); VS PERSISTENCE is the Diebold–Mariano verdict
     * on the test windows, Holm-corrected across the campaign's COMPLETE trials as the leaderboard shows it (raw p
     * beside it), VS RIDGE the verdict against the ridge baseline, VS COIN the Pesaran–Timmermann direction test beside
     * DIR_ACC (Holm across the same trials, raw p beside it); CONFIRMS names the trial a confirmation run
     * re-trains with another seed.
     */
    static TextTable table(List<Trial> trials, Store store, Campaign c) {
        TextTable t = new TextTable("#", "STATE", "OBJECTIVE", "VAL_RMSE", "TEST_RMSE", "SKILL", "VS PERSISTENCE",
                "VS RIDGE", "DIR_ACC", "VS COIN", "EPOCHS", "SECONDS", "CONFIRMS", "WORKER", "PARAMS")
                .right(0, 2, 3, 4, 5, 8, 10, 11).maxWidth(76);   // a corrected verdict with its raw p fits whole
        Map<Long, Integer> numbers = new HashMap<>();
        for (Trial tr : trials) numbers.put(tr.id(), tr.number());
        TrialTests tests = new TrialTests(name -> CampaignVerdicts.of(store, name));
        Map<Long, List<EpochMetrics>> curves = store.epochs(trials.stream()
                .filter(tr -> tr.objective() == null && tr.state() != TrialState.WAITING).map(Trial::id).toList());
        for (Trial tr : trials) {
            var m = tr.metrics();
            String objective = tr.objective() != null ? Fmt.num(tr.objective())
                    : LastValue.of(tr, curves.get(tr.id()), c.objective())
                    .map(v -> Fmt.num(v.value()) + " @ ep " + v.epoch()).orElse("-");
            t.row(tr.number(), tr.state(), objective,
                    m == null ? "-" : Fmt.num(m.bestValRmse()), m == null ? "-" : Fmt.num(m.model().rmse()),
                    m == null ? "-" : Fmt.num(m.skill()), m == null ? "-" : tests.persistence(tr),
                    m == null ? "-" : Verdict.ridge(m).words(),
                    m == null ? "-" : Fmt.num(m.model().directionAccuracy()), m == null ? "-" : tests.directionCell(tr),
                    m == null ? (tr.prunedEpoch() == null ? "-" : tr.prunedEpoch()) : m.epochs(),
                    Fmt.seconds(tr), tr.confirmOf() == null ? "-" : "#" + numbers.computeIfAbsent(tr.confirmOf(),
                            id -> store.trial(id).map(Trial::number).orElse(0)),
                    tr.worker(), Fmt.params(tr.params()));
        }
        return t;
    }

    static Boolean parseOrder(String order) {
        if (order == null) return null;
        return switch (order.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new BadInputException(
                    "--order '" + order + "' is not known: use asc or desc");
        };
    }

    static TrialState parseState(String state) {
        if (state == null) return null;
        try {
            return TrialState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--state '" + state
                    + "' is not a trial state: use waiting, running, complete, pruned or failed");
        }
    }

    private static int requirePositive(int limit) {
        if (limit < 1) throw new BadInputException("--limit must be at least 1, got " + limit);
        return limit;
    }
}
