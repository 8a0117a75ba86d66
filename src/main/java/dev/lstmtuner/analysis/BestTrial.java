package dev.lstmtuner.analysis;

import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * THE best trial of a campaign, in every view (the leaderboard's ★ and banner, the CLI's first row, {@code best},
 * {@code campaigns --json}, the report): the confirmed winner once there is one ({@link ConfirmedRanking}), before
 * that the best searched trial by the objective. Confirmation runs never rank as trials of their own: they belong to
 * the trial they confirm. Read with two indexed queries (the best searched trial, the confirmation runs), never a
 * scan of the campaign.
 *
 * @param confirmation the campaign's confirmation ranking (empty when it ran none)
 */
public record BestTrial(Campaign campaign, Trial trial, ConfirmedRanking confirmation) {

    public static Optional<BestTrial> of(Store store, Campaign c) {
        return of(c, confirmation(store, c), store.best(c.name()));
    }

    /** From what the caller already read (the web's cache): the ranking and the best searched trial. */
    public static Optional<BestTrial> of(Campaign c, ConfirmedRanking r, Optional<Trial> bestSearched) {
        return r.winner().map(ConfirmedRanking.Arm::original).or(() -> bestSearched)
                .map(t -> new BestTrial(c, t, r));
    }

    /** The campaign's confirmation runs ranked (each confirmed trial read once by id). */
    public static ConfirmedRanking confirmation(Store store, Campaign c) {
        Map<Long, Optional<Trial>> originals = new HashMap<>();
        return ConfirmedRanking.of(store.confirmationRuns(c.name()),
                id -> originals.computeIfAbsent(id, store::trial).orElse(null), c.objective().key(), c.direction());
    }

    /** Whether this is the confirmed winner (else the best searched trial, not or not yet confirmed). */
    public boolean confirmed() {
        return confirmation.winner().map(a -> a.original().id() == trial.id()).orElse(false);
    }

    /**
     * The value it ranks by beside other campaigns' bests: the confirmed winner's mean over its fresh seeds, else the
     * trial's objective.
     */
    public double value() {
        return confirmed() ? confirmation.winner().orElseThrow().mean() : trial.objective();
    }

    /** What every view says about it: the confirmation's sentences, or the searched trial's verdicts. */
    public List<String> sentences() {
        if (confirmation.confirming()) {
            List<String> out = new ArrayList<>(confirmation.sentences());
            if (!confirmed() && trial.metrics() != null) out.add(verdicts(trial));
            return out;
        }
        List<String> out = new ArrayList<>();
        if (trial.metrics() != null) {
            out.add(verdicts(trial) + "; not confirmed over seeds (the experiment had no \"confirm\")");
        }
        return out;
    }

    /** "on the test windows it beats persistence (p = …) and is no better than the ridge baseline (p = …)". */
    public static String verdicts(Trial t) {
        String s = "on the test windows it " + Verdict.persistence(t.metrics()).predicate();
        Verdict ridge = Verdict.ridge(t.metrics());
        return ridge.kind() == Verdict.Kind.UNTESTED ? s : s + " and " + ridge.predicate();
    }
}
