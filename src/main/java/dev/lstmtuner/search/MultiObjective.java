package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.search.sampler.Sampler;
import dev.lstmtuner.search.sampler.Samplers;

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

    /** The experiment's sampler, built for all its objectives. */
    public static Sampler sampler(Experiment e) {
        return Samplers.forObjectives(e.sampler(), e.samplerOptions(), e.objectives().directions());
    }
}
