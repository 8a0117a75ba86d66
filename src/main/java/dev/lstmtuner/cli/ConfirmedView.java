package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.ConfirmedRanking;
import dev.lstmtuner.analysis.Verdict;
import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.Headline;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

/** How the terminal shows winner confirmation: the ranking on fresh seeds, and analysis' sentences. */
final class ConfirmedView {
    private ConfirmedView() {
    }

    static void print(ConfirmedRanking r, PrintWriter out) {
        out.println("confirmed ranking (" + r.objective() + " over each trial's fresh seeds; the selected run apart):");
        TextTable t = new TextTable("RANK", "TRIAL", "FRESH", "MEAN", "SD", "MIN", "MAX", "SELECTED RUN",
                "BEAT PERSISTENCE (HOLM)").right(0, 2, 3, 4, 5, 6, 7).maxWidth(70);
        int rank = 1;
        for (ConfirmedRanking.Arm a : r.arms()) {
            double[] v = a.values();
            t.row(a.ranked() ? rank++ : "-", a.original().label(),
                    a.n() + (a.pending() > 0 ? " (+" + a.pending() + " running)" : ""), Fmt.num(a.mean()),
                    Fmt.num(a.sd()), Fmt.num(Arrays.stream(v).min().orElse(Double.NaN)),
                    Fmt.num(Arrays.stream(v).max().orElse(Double.NaN)), Fmt.num(a.original().objective()),
                    r.freshBeats(a, Verdict.Baseline.PERSISTENCE) + " of " + a.freshSkills().length);
        }
        out.print(t.render());
    }

    /**
     * The headline every end report and {@code best} lead with (lockbox, then the campaign-wide test, then the
     * named trial's corrected verdict: see {@link Headline}); reads every COMPLETE trial's predictions once.
     */
    static void headline(Store store, Campaign c, Optional<Trial> named, PrintWriter out) {
        CampaignVerdicts v = CampaignVerdicts.of(store, c.name());
        new Headline(LockboxView.headline(store, c.name()), v, named.map(Trial::number).orElse(null)).lines()
                .forEach(out::println);
    }
}
