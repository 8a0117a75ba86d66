package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.search.pruner.Pruners;
import dev.lstmtuner.search.space.CategoricalParam;
import dev.lstmtuner.search.space.FloatParam;
import dev.lstmtuner.search.space.IntParam;
import dev.lstmtuner.search.space.Param;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.search.space.SearchSpace;
import dev.lstmtuner.train.TrialRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything about an experiment that can be checked before a campaign is stored: the sampler and pruner with
 * their options, each parameter's extremes against the config's ranges, and each campaign's data against the
 * corners of the space that shape the windows (the longest time_steps, the farthest horizon, ...). Data is
 * prepared exactly as a trial prepares it, so a campaign whose every trial would fail for one input reason is
 * refused up front, and a refused experiment leaves nothing behind.
 */
public final class ExperimentValidator {
    /** Config keys that change which rows and windows a trial gets. */
    private static final Set<String> DATA_KEYS = Set.of("data", "max_rows", "gap_policy", "features", "target",
            "horizon", "time_steps", "split", "scaler", "history_days");
    private static final int MAX_CORNERS = 32;

    private ExperimentValidator() {
    }

    /** A new experiment, with every campaign it would create (one per symbol). */
    public static void validate(Experiment e, String source) {
        MultiObjective.sampler(e);
        Pruners.byName(e.pruner(), e.prunerOptions());
        if (e.symbols().isEmpty()) {
            check(e.base(), e.space(), source);
            if (e.plan() != null) checkArms(e.base(), e.plan(), source);
            return;
        }
        for (Experiment.Symbol s : e.symbols()) {
            String where = source + " (" + s.symbol() + ")";
            RunConfig base = ConfigLoader.withOverrides(e.base(), Map.of("data", s.data(), "symbol", s.symbol()), where);
            check(base, e.space(), where);
            if (e.plan() != null) checkArms(base, e.plan(), where);
        }
        if (e.pooled() != null) PooledCampaign.validate(e, source + " (pooled)");
    }

    /** Each arm that shapes the data differently (history_days, time_steps, ...) must have windows to train on. */
    private static void checkArms(RunConfig base, AbPlan plan, String source) {
        for (AbPlan.Arm arm : plan.arms()) {
            if (arm.overrides().keySet().stream().noneMatch(DATA_KEYS::contains)) continue;
            String where = source + ": \"plan\" arm \"" + arm.name() + "\"";
            try {
                TrialRunner.prepare(AbPlan.config(base, arm, base.seed(), where));
            } catch (BadInputException ex) {
                throw new BadInputException(where + ": every run would fail: " + ex.getMessage(), ex);
            }
        }
    }

    /** A stored campaign about to be resumed: its data may have moved or changed since it was created. */
    public static void validate(CampaignPlan plan) {
        check(plan.base(), plan.experiment().space(), "campaign " + plan.campaign().name());
    }

    static void check(RunConfig base, SearchSpace space, String source) {
        List<Param> sugar = new ArrayList<>();
        for (Param p : space.params()) {
            if (SearchSpace.isLayerSugar(p.name())) {
                sugar.add(p);
                continue;
            }
            for (Object v : extremes(p)) configFor(base, space, Map.of(p.name(), v), source);
        }
        if (!sugar.isEmpty()) {
            for (int end = 0; end < 2; end++) {
                Map<String, Object> all = new LinkedHashMap<>();
                for (Param p : sugar) all.put(p.name(), extremes(p).get(end == 0 ? 0 : extremes(p).size() - 1));
                configFor(base, space, all, source);
            }
        }
        for (Map<String, Object> corner : dataCorners(space)) {
            RunConfig c = configFor(base, space, corner, source);
            try {
                TrialRunner.prepare(c);
            } catch (BadInputException e) {
                String at = corner.isEmpty() ? "" : " at the space's corner " + corner;
                throw new BadInputException(source + ": every trial" + at + " would fail: " + e.getMessage()
                        + (corner.isEmpty() ? "" : " (narrow the space, or give more data)"), e);
            }
        }
    }

    private static RunConfig configFor(RunConfig base, SearchSpace space, Map<String, Object> params, String source) {
        return ConfigLoader.withOverrides(base, space.toConfigOverrides(params), source + " with " + params);
    }

    /** Every combination of the data-shaping parameters' extremes (capped; the first ones matter most). */
    private static List<Map<String, Object>> dataCorners(SearchSpace space) {
        List<Map<String, Object>> corners = new ArrayList<>();
        corners.add(new LinkedHashMap<>());
        for (Param p : space.params()) {
            if (!DATA_KEYS.contains(p.name())) continue;
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> c : corners) {
                for (Object v : extremes(p)) {
                    if (next.size() >= MAX_CORNERS) break;
                    Map<String, Object> m = new LinkedHashMap<>(c);
                    m.put(p.name(), v);
                    next.add(m);
                }
            }
            corners = next;
        }
        return corners;
    }

    private static List<Object> extremes(Param p) {
        if (p instanceof IntParam i) {
            int top = (int) (i.low() + (long) i.step() * (((long) i.high() - i.low()) / i.step()));
            return top == i.low() ? List.of(i.low()) : List.of(i.low(), top);
        }
        if (p instanceof FloatParam f) return f.low() == f.high() ? List.of(f.low()) : List.of(f.low(), f.high());
        return List.copyOf(((CategoricalParam) p).values());
    }
}
