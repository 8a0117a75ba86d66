package dev.lstmtuner.search;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.search.plan.PlanRuns;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.List;
import java.util.Map;

/**
 * An experiment file resolved: the base run config, the search space, the sampler and pruner with their options,
 * the objective and direction, the budget and the seed. With {@code symbols}, one campaign per symbol is run over
 * the same space (a campaign group compared side by side); without, a single campaign on the base config's data.
 * {@code confirm} (null = off) re-trains the top trials with extra seeds once the search budget is spent.
 * {@code pooled} (null = off) also trains one model on every symbol's windows (see train/PooledRun).
 * {@code objectives} is the objective alone, or (several objectives) the list whose first is {@code objective}.
 * {@code plan} (null = a search) makes the campaign an A/B plan: its arms instead of a space ({@link PlanRuns}).
 */
public record Experiment(String name, String description, RunConfig base, SearchSpace space,
                         String spaceJson, String sampler, Map<String, Object> samplerOptions,
                         String pruner, Map<String, Object> prunerOptions, Objective objective, Direction direction,
                         Budget budget, long seed, List<Symbol> symbols, Integer keepModels, Confirm confirm,
                         WarmStart warmStart, Pooled pooled, Objectives objectives, AbPlan plan) {

    /** One member of a multi-symbol group: its label and data file. */
    public record Symbol(String symbol, String data) {
    }

    /** One model for all the symbols beside their own ({@code "pooled": true}); null = off. */
    public record Pooled(boolean symbolFeature) {
    }

    /** Winner confirmation: the best {@code topK} trials each re-trained with {@code seeds} more seeds. */
    public record Confirm(int topK, int seeds) {
    }

    /**
     * A warm start ({@link WarmStarts}): the best {@code topK} configs of an earlier campaign run first, and its
     * finished trials inform the sampler; null = none.
     */
    public record WarmStart(String campaign, int topK) {
    }

    /** This experiment warm-started from {@code w} instead ({@code search --warm-start NAME}). */
    public Experiment withWarmStart(WarmStart w) {
        return new Experiment(name, description, base, space, spaceJson, sampler, samplerOptions, pruner,
                prunerOptions, objective, direction, budget, seed, symbols, keepModels, confirm, w, pooled, objectives, plan);
    }
}
