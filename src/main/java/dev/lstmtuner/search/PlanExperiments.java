package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * An experiment with a {@code "plan"}: its arms are the configurations, so it has no search space, sampler, pruner
 * or confirmation (each would change what the arms are or how long they train), and its trial budget is the plan's
 * arms × seeds. A wall-time budget and the failure limit still apply. The objective ranks the arms (on validation).
 */
final class PlanExperiments {
    /** The space of a plan campaign: nothing is sampled, every trial's params are its arm's keys and seed. */
    static final String NO_SPACE = "{\"description\": \"A/B plan: the arms are the configurations\", \"params\": {}}";

    private PlanExperiments() {
    }

    static Experiment of(ExperimentFile f, RunConfig base, String source) {
        refuse(f.space() != null, source, "space", "its arms are the configurations, so it has no search space");
        refuse(f.sampler() != null, source, "sampler", "nothing is sampled: every arm runs with every seed");
        refuse(f.pruner() != null, source, "pruner", "every arm runs to the end, so arms are compared on whole runs");
        refuse(f.confirm() != null, source, "confirm", "the plan's \"seeds\" already repeat every arm");
        refuse(f.budget() != null && f.budget().maxTrials() != null, source, "budget.max_trials",
                "the plan runs arms × seeds trials");
        AbPlan plan = AbPlan.parse(f.plan(), base, source);
        Objective objective = Objective.parse(f.objective(), source + ": \"objective\"");
        ExperimentFile.Budget given = f.budget() == null ? new ExperimentFile.Budget(null, null, null) : f.budget();
        Budget budget = ExperimentLoader.budget(new ExperimentFile.Budget(plan.arms().size() * plan.seeds(),
                given.maxMinutes(), given.maxConsecutiveFailures()), source);
        return new Experiment(f.name(), f.description(), base, new SearchSpace(source + " (plan)", "A/B plan",
                List.of()), NO_SPACE, "random", new LinkedHashMap<>(), "none", new LinkedHashMap<>(), objective,
                ExperimentLoader.direction(f, objective, source), budget, f.seed() != null ? f.seed() : 42L,
                ExperimentLoader.symbols(f, source), ExperimentLoader.keepModels(f, source), null, null, null,
                Objectives.single(objective), plan);
    }

    private static void refuse(boolean given, String source, String key, String why) {
        if (given) {
            throw new BadInputException(source + ": \"" + key + "\" cannot be given with \"plan\": " + why
                    + "; remove \"" + key + "\" (or the \"plan\", for a search)");
        }
    }
}
