package dev.lstmtuner.analysis;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan campaign's runs by arm, and the arm chosen on validation: the best mean objective over its seeds among the
 * arms whose every seed finished. Both the A/B table ({@link AbTable}) and THE best trial ({@link BestTrial}) read it,
 * so no view can mark a lucky single run of another arm while the table names the chosen arm: the campaign's best is
 * the chosen arm's run with the best validation objective (the one the lockbox scores).
 *
 * @param runs    each arm's finished runs (COMPLETE with an objective and metrics), in trial-number order
 * @param pending each arm's waiting and running runs
 * @param chosen  the chosen arm's name; null while no arm has all its seeds
 */
public record PlanArms(AbPlan plan, Direction direction, Map<String, List<Trial>> runs, Map<String, Integer> pending,
                       String chosen) {
    private static final int PAGE = 5000;

    /** The arms of campaign {@code c} run by {@code plan}: its trials read once, page by page. */
    public static PlanArms of(Store store, Campaign c, AbPlan plan) {
        RunConfig base = ConfigLoader.parse(c.configJson(), "campaign " + c.name());
        List<RunConfig> armConfigs = new ArrayList<>();
        for (AbPlan.Arm a : plan.arms()) armConfigs.add(AbPlan.config(base, a, 0, "campaign " + c.name()));
        Map<String, List<Trial>> runs = new LinkedHashMap<>();
        Map<String, Integer> pending = new LinkedHashMap<>();
        for (AbPlan.Arm a : plan.arms()) {
            runs.put(a.name(), new ArrayList<>());
            pending.put(a.name(), 0);
        }
        for (int offset = 0; ; offset += PAGE) {
            Page<Trial> page = store.trials(TrialQuery.of(c.name()).sortBy("number").descending(false).page(PAGE, offset));
            for (Trial t : page.items()) {
                int arm = armOf(t, base, armConfigs);
                if (arm < 0) continue;
                String name = plan.arms().get(arm).name();
                if (t.state() == TrialState.COMPLETE && t.objective() != null && t.metrics() != null) runs.get(name).add(t);
                else if (t.state() == TrialState.WAITING || t.state() == TrialState.RUNNING) pending.merge(name, 1, Integer::sum);
            }
            if (page.items().size() < PAGE) break;
        }
        runs.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new PlanArms(plan, c.direction(), Collections.unmodifiableMap(runs),
                Collections.unmodifiableMap(pending), chosen(plan, runs, c.direction()));
    }

    /** The chosen arm's run with the best validation objective; empty while no arm is chosen. */
    public Optional<Trial> chosenRun() {
        if (chosen == null) return Optional.empty();
        Trial best = null;
        for (Trial t : runs.get(chosen)) if (best == null || direction.isBetter(t.objective(), best.objective())) best = t;
        return Optional.ofNullable(best);
    }

    /** The chosen arm's mean objective over its seeds; NaN while none is chosen. */
    public double chosenMean() {
        return chosen == null ? Double.NaN : mean(runs.get(chosen));
    }

    private static double mean(List<Trial> ts) {
        return ts.stream().mapToDouble(Trial::objective).average().orElse(Double.NaN);
    }

    /** The best mean objective among the arms with every seed finished; null while none has. */
    private static String chosen(AbPlan plan, Map<String, List<Trial>> runs, Direction direction) {
        String best = null;
        double bestMean = Double.NaN;
        for (AbPlan.Arm a : plan.arms()) {
            List<Trial> ts = runs.get(a.name());
            if (ts.size() < plan.seeds()) continue;
            double m = mean(ts);
            if (best == null || direction.isBetter(m, bestMean)) {
                best = a.name();
                bestMean = m;
            }
        }
        return best;
    }

    /** Which arm a trial ran (its config but the seed is an arm's); -1 when none (it is not one of the plan's). */
    private static int armOf(Trial t, RunConfig base, List<RunConfig> arms) {
        Map<String, Object> p = new LinkedHashMap<>(t.params());
        p.put("seed", 0);
        try {
            return arms.indexOf(ConfigLoader.withOverrides(base, p, "trial " + t.label()));
        } catch (RuntimeException notAConfig) {
            return -1;
        }
    }
}
