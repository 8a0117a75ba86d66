package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.LockboxVerdict;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.search.LockboxGuard;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.LockboxOpening;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.train.LockboxRun;

import java.io.PrintWriter;
import java.util.Optional;

/** The lockbox in the terminal: opening it for the confirmed winner, and its verdict as the headline. */
final class LockboxView {
    private LockboxView() {
    }

    /** The lockbox verdict line, when the campaign's lockbox was opened. */
    static Optional<String> headline(Store store, String campaign) {
        return LockboxVerdict.of(store.lockboxOpenings(campaign)).map(LockboxVerdict::headline);
    }

    /**
     * At the end of a campaign with a lockbox: scores the confirmed winner (the best trial without confirmation) on
     * it, once, and prints the verdict; a lockbox opened before is not scored again unless {@code reopen}.
     */
    static void openAtEnd(Store store, Campaign c, RunConfig base, boolean reopen, PrintWriter out) {
        if (base.lockbox() == null) return;
        Optional<BestTrial> best = BestTrial.of(store, c);
        Optional<Trial> winner = best.map(BestTrial::trial);
        out.println();
        if (winner.isEmpty()) {
            out.println("lockbox: not opened, no trial completed");
        } else if (LockboxGuard.opened(store, c.name()) && !reopen) {
            out.println("lockbox: opened before, not scored again (add --reopen-lockbox to score trial "
                    + winner.get().label() + " on it; that is recorded)");
        } else {
            out.println("lockbox: scoring trial " + winner.get().label() + " (the "
                    + (best.get().confirmed() ? "confirmed winner" : "best trial, unconfirmed")
                    + ") on the held-out bars, once");
            out.flush();
            score(store, c.name(), winner.get(), reopen);
        }
        if (winner.isPresent() && headline(store, c.name()).isPresent()) {
            // the end report's last word, in every view's order: the lockbox, the campaign-wide test, the winner's tests
            out.println();
            out.println("headline:");
            ConfirmedView.headline(store, c, winner, out);
        }
        out.flush();
    }

    static LockboxOpening score(Store store, String campaign, Trial trial, boolean reopen) {
        RunConfig config = BestCommand.configOf(store, trial);
        return LockboxGuard.score(store, campaign, trial, config, reopen, LockboxRun::score);
    }

    /** The confirmed winner, if the campaign is confirmed. */
    static Optional<Trial> confirmedWinner(Store store, Campaign c) {
        return BestTrial.of(store, c).filter(BestTrial::confirmed).map(BestTrial::trial);
    }
}
