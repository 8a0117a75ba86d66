package dev.lstmtuner.analysis;

import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * THE best trial of a campaign, in every view (the leaderboard's ★ and banner, the CLI's first row, {@code best},
 * {@code campaigns --json}, the report): in an A/B plan campaign the chosen arm's run with the best validation
 * objective once an arm is chosen ({@link PlanArms}: the A/B table's answer, never a lucky run of another arm);
 * otherwise the confirmed winner once there is one ({@link ConfirmedRanking}), before that the best searched trial by
 * the objective. Confirmation runs never rank as trials of their own: they belong to the trial they confirm. Read
 * with two indexed queries (the best searched trial, the confirmation runs), never a scan of the campaign, but for a
 * plan campaign, whose few runs (arms × seeds) are read once to group them by arm.
 *
 * @param confirmation the campaign's confirmation ranking (empty when it ran none)
 * @param plan         the arms of an A/B plan campaign; null for a search
 */
public record BestTrial(Campaign campaign, Trial trial, ConfirmedRanking confirmation, PlanArms plan) {

    public static Optional<BestTrial> of(Store store, Campaign c) {
        return of(c, confirmation(store, c), store.best(c.name()), arms(store, c));
    }

    /**
     * From what the caller already read (the web's cache): the ranking, the best searched trial and, for a plan
     * campaign, its arms.
     */
    public static Optional<BestTrial> of(Campaign c, ConfirmedRanking r, Optional<Trial> bestSearched,
                                         Optional<PlanArms> arms) {
        Optional<Trial> chosen = arms.flatMap(PlanArms::chosenRun);
        return chosen.or(() -> r.winner().map(ConfirmedRanking.Arm::original)).or(() -> bestSearched)
                .map(t -> new BestTrial(c, t, r, arms.orElse(null)));
    }

    /** The arms of a plan campaign (its runs read once); empty for a search. */
    public static Optional<PlanArms> arms(Store store, Campaign c) {
        return AbPlan.of(c).map(p -> PlanArms.of(store, c, p));
    }

    /** The A/B plan's chosen arm this trial ran, when the campaign is a plan with an arm chosen; else null. */
    public String chosenArm() {
        return plan == null ? null : plan.chosen();
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
     * The value it ranks by beside other campaigns' bests: the chosen arm's mean over its seeds, the confirmed winner's
     * mean over its fresh seeds, else the trial's objective.
     */
    public double value() {
        if (chosenArm() != null) return plan.chosenMean();
        return confirmed() ? confirmation.winner().orElseThrow().mean() : trial.objective();
    }

    /** What every view says about it: the confirmation's sentences, or the searched trial's verdicts. */
    public List<String> sentences() {
        if (plan != null) {
            List<String> out = new ArrayList<>();
            out.add(chosenArm() == null ? "no arm of the A/B plan has finished all its seeds yet: this is the best"
                    + " single run so far, not the plan's choice"
                    : "the A/B plan's chosen arm \"" + chosenArm() + "\" (the best mean " + campaign.objective()
                    + " on validation over its " + plan.runs().get(chosenArm()).size() + " seeds, "
                    + String.format(Locale.ROOT, "%.5g", plan.chosenMean()) + "): this is its best run on validation");
            if (trial.metrics() != null) out.add(verdicts(trial));
            return out;
        }
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
