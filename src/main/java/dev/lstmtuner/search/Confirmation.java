package dev.lstmtuner.search;

import dev.lstmtuner.store.Direction;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialState;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Winner confirmation ({@code "confirm": {"top_k": 5, "seeds": 3}}): once the search budget is spent and every
 * sampled trial has finished, each of the best {@code top_k} sampled trials is re-trained with {@code seeds} more
 * seeds (its own seed + 1, + 2, ...) as WAITING trials linked to it by {@code confirmOf}, which the workers run
 * like any other, without pruning. A trial is confirmed once: a resumed campaign does not enqueue its runs again.
 * {@link ConfirmedRanking} then ranks the confirmed trials by their mean objective over all their runs.
 */
public final class Confirmation {
    private Confirmation() {
    }

    /**
     * The coordinator's hook when the search budget is spent: true while the campaign must go on, because trials
     * are still queued or running, or because this call just enqueued confirmation runs.
     *
     * @param trials the campaign's trials as the coordinator read them this step
     */
    public static boolean keepsGoing(Store store, CampaignPlan plan, List<Trial> trials) {
        Experiment.Confirm confirm = plan.experiment().confirm();
        if (confirm == null) return false;
        if (trials.stream().anyMatch(t -> t.state() == TrialState.WAITING || t.state() == TrialState.RUNNING)) {
            return true;
        }
        return enqueue(store, plan, trials, confirm) > 0;
    }

    /** Enqueues the confirmation runs of every top trial that has none yet; returns how many it enqueued. */
    static int enqueue(Store store, CampaignPlan plan, List<Trial> trials, Experiment.Confirm confirm) {
        Set<Long> confirmed = new HashSet<>();
        for (Trial t : trials) if (t.confirmOf() != null) confirmed.add(t.confirmOf());
        int n = 0;
        for (Trial t : top(trials, plan.experiment().direction(), confirm.topK())) {
            if (confirmed.contains(t.id())) continue;
            long seed = plan.configFor(t.params(), t.number()).seed();
            for (int i = 1; i <= confirm.seeds(); i++) {
                store.enqueue(plan.campaign().name(), withSeed(t.params(), seed + i), t.id());
                n++;
            }
        }
        return n;
    }

    /** The best {@code k} sampled COMPLETE trials (confirmation runs excluded), best first. */
    static List<Trial> top(List<Trial> trials, Direction direction, int k) {
        Comparator<Trial> byObjective = Comparator.comparingDouble(Trial::objective);
        if (direction == Direction.MAXIMIZE) byObjective = byObjective.reversed();
        return trials.stream()
                .filter(t -> t.confirmOf() == null && t.state() == TrialState.COMPLETE && t.objective() != null
                        && !t.objective().isNaN())
                .sorted(byObjective.thenComparingInt(Trial::number)).limit(k).toList();
    }

    /** The params of a confirmation run: the original's with another seed (a config key, like any param). */
    static Map<String, Object> withSeed(Map<String, Object> params, long seed) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("seed", seed);
        return p;
    }
}
