package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.search.sampler.Sampler;
import dev.lstmtuner.search.sampler.Samplers;
import dev.lstmtuner.stats.NonDominatedSort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an experiment's {@code "objectives"} changes in a search: the sampler (NSGA-II unless another is named; TPE
 * and the genetic sampler rank on one objective and are refused), and how the list is read from and written back to
 * the experiment file. Pruning stays on the primary objective (see docs/multi-objective.md).
 */
public final class MultiObjective {
    /** The sampler of a multi-objective experiment that names none. */
    public static final String DEFAULT_SAMPLER = "nsga2";

    private MultiObjective() {
    }

    /** The file's objectives: its {@code "objectives"}, else its one {@code "objective"} (parsed by the loader). */
    static Objectives objectives(ExperimentFile f, String source) {
        if (f.objectives() == null) return Objectives.single(Objective.DEFAULT);
        if (f.objective() != null || f.direction() != null) {
            throw new BadInputException(source + ": give \"objectives\" alone: its first entry is the primary objective"
                    + " and each entry has its own \"direction\"; drop \"objective\" and \"direction\"");
        }
        return Objectives.parse(f.objectives(), source);
    }

    /** The list as the resolved experiment writes it; null for a single objective (written as "objective"). */
    static List<Objectives.Goal> goals(Objectives o) {
        if (!o.multi()) return null;
        return o.list().stream().map(x -> new Objectives.Goal(x.key(), x.direction().label())).toList();
    }

    /**
     * The trials winner confirmation re-runs: the best {@code k} on the objective, or, with several objectives, the
     * members of the Pareto front of the sampled COMPLETE trials (at most {@code k}, best on the primary first).
     */
    static List<CampaignHistory.Ranked> toConfirm(CampaignHistory history, Experiment e, int k) {
        if (!e.objectives().multi()) return history.bestSampled(e.direction(), k);
        List<CampaignHistory.Ranked> all = history.sampledComplete().stream()
                .filter(r -> r.trial().values().length == e.objectives().list().size()).toList();
        List<Direction> dirs = e.objectives().directions();
        double[][] losses = new double[all.size()][];
        for (int i = 0; i < all.size(); i++) losses[i] = Direction.asLosses(dirs, all.get(i).trial().values());
        int[] rank = NonDominatedSort.ranks(losses);
        List<CampaignHistory.Ranked> front = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) if (rank[i] == 0) front.add(all.get(i));
        front.sort(Comparator.comparingDouble((CampaignHistory.Ranked r) -> e.direction().asLoss(r.trial().objective()))
                .thenComparingInt(r -> r.trial().number()));
        return front.stream().limit(k).toList();
    }

    /** The experiment's sampler, built for all its objectives. */
    public static Sampler sampler(Experiment e) {
        return Samplers.forObjectives(e.sampler(), e.samplerOptions(), e.objectives().directions());
    }
}
