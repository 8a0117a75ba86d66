package dev.lstmtuner.search;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Winner confirmation ({@code "confirm": {"top_k": 5, "seeds": 3}}): once the search budget is spent and every
 * sampled trial has finished, each of the best {@code top_k} sampled trials is re-trained with {@code seeds} more
 * seeds (its own seed + 1, + 2, ...) as WAITING trials linked to it by {@code confirmOf}, which the workers run
 * like any other, without pruning. A trial is confirmed once: a resumed campaign does not enqueue its runs again.
 * {@link ConfirmedRanking} then ranks the confirmed trials by their mean objective over all their runs. With several
 * objectives the trials confirmed are the Pareto front's members ({@link MultiObjective#toConfirm}).
 */
public final class Confirmation {
    private Confirmation() {
    }

    /**
     * The coordinator's hook when the search budget is spent: true while the campaign must go on, because trials
     * are still queued or running, or because this call just enqueued confirmation runs. Reads nothing from the
     * store: the coordinator's incremental history knows the best trials and which have runs already.
     *
     * @param counts the campaign's trials by state as the coordinator counted them this step
     */
    public static boolean keepsGoing(Store store, CampaignPlan plan, CampaignHistory history,
                                     Map<TrialState, Long> counts) {
        Experiment.Confirm confirm = plan.experiment().confirm();
        if (confirm == null) return false;
        if (counts.get(TrialState.WAITING) > 0 || counts.get(TrialState.RUNNING) > 0) return true;
        return enqueue(store, plan, history, confirm) > 0;
    }

    /**
     * Enqueues the confirmation runs of every top trial that has none yet (each run also goes into the history, so
     * the next step sees it even before its refresh does); returns how many it enqueued.
     */
    static int enqueue(Store store, CampaignPlan plan, CampaignHistory history, Experiment.Confirm confirm) {
        int n = 0;
        for (CampaignHistory.Ranked r : MultiObjective.toConfirm(history, plan.experiment(), confirm.topK())) {
            if (history.hasConfirmationRuns(r.id())) continue;
            PastTrial t = r.trial();
            long seed = plan.configFor(t.params(), t.number()).seed();
            for (int i = 1; i <= confirm.seeds(); i++) {
                history.add(store.enqueue(plan.campaign().name(), withSeed(t.params(), seed + i), r.id()));
                n++;
            }
        }
        return n;
    }

    /** The params of a confirmation run: the original's with another seed (a config key, like any param). */
    static Map<String, Object> withSeed(Map<String, Object> params, long seed) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("seed", seed);
        return p;
    }
}
