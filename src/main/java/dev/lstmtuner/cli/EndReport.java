package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.TopTrials;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.io.PrintWriter;
import java.util.Optional;

/** What {@code search} prints when a campaign ends: its top trials, the confirmed winner, the headline, the front. */
final class EndReport {
    private EndReport() {
    }

    static void print(Store store, String campaign, PrintWriter out) {
        Campaign c = store.campaign(campaign).orElseThrow();
        Optional<BestTrial> best = BestTrial.of(store, c);
        TopTrials top = TopTrials.of(store, campaign, 10, best);
        out.println("top 10 of " + top.total() + " trials (the best first; confirmation runs are in the confirmed"
                + " ranking):");
        out.print(TrialsCommand.table(top.trials(), store, c).render());
        Optional<Trial> winner = best.map(BestTrial::trial);
        best.ifPresent(b -> {
            out.println();
            if (b.confirmation().confirming()) ConfirmedView.print(b.confirmation(), out);
            out.println("best: trial " + b.trial().label() + " with objective " + Fmt.num(b.trial().objective())
                    + (b.confirmed() ? " (the confirmed winner)" : ""));
            b.sentences().forEach(line -> out.println("  " + line));
            if (!b.confirmation().confirming()) {
                out.println("  to confirm it over seeds add \"confirm\": {\"top_k\": 3, \"seeds\": 4} to the experiment");
            }
        });
        if (winner.isPresent()) ConfirmedView.headline(store, c, winner, out);
        ParetoView.print(store, c, out);
        winner.ifPresent(b -> {
            out.println("reproduce it:   bin/lstm-tuner reproduce " + Fmt.shell(b.label()));
            out.println("or retrain it:  bin/lstm-tuner best " + Fmt.shell(campaign) + " --config-out best.json && bin/lstm-tuner train --config best.json");
        });
        out.flush();
    }
}
