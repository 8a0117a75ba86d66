package dev.lstmtuner.cli;

import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.search.ConfirmedRanking;
import dev.lstmtuner.search.PastTrials;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

/** How the terminal shows winner confirmation: the ranking by mean objective over seeds, and the verdicts. */
final class ConfirmedView {
    private ConfirmedView() {
    }

    /** The campaign's confirmed ranking, empty when no trial was confirmed (reads the whole campaign once). */
    static Optional<ConfirmedRanking> ranking(Store store, Campaign c) {
        return ConfirmedRanking.of(PastTrials.all(store, c.name()), c.objective().key(), c.direction());
    }

    static void print(ConfirmedRanking r, PrintWriter out) {
        out.println("confirmed ranking (" + r.objective() + " over each trial's runs: the original and its extra seeds):");
        TextTable t = new TextTable("RANK", "TRIAL", "RUNS", "MEAN", "SD", "MIN", "MAX", "TEST_SKILL", "VS PERSISTENCE")
                .right(0, 2, 3, 4, 5, 6, 7).maxWidth(70);
        int rank = 1;
        for (ConfirmedRanking.Entry e : r.entries()) {
            FinalMetrics m = e.original().metrics();
            t.row(rank++, e.original().label(), e.runs() + (e.pending() > 0 ? " (+" + e.pending() + " running)" : ""),
                    Fmt.num(e.mean()), Fmt.num(e.sd()), Fmt.num(Arrays.stream(e.objectives()).min().orElse(Double.NaN)),
                    Fmt.num(Arrays.stream(e.objectives()).max().orElse(Double.NaN)),
                    m == null ? "-" : Fmt.num(m.skill()), m == null ? "-" : verdict(m));
        }
        out.print(t.render());
        for (String s : r.sentences()) out.println(s);
    }

    /** The plain-words verdict against persistence: "beats" only with a Diebold–Mariano p below 0.05. */
    static String verdict(FinalMetrics m) {
        return m.persistenceVerdict().words();
    }
}
