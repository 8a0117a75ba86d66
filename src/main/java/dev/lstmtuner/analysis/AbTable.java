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
import dev.lstmtuner.store.TrialReport;

import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The A/B table of a plan campaign, the tutorial's "实验1 默认配置 … 实验3 增大模型 + 更多Dropout ← 最好" with what it
 * lacks: per arm its change against the baseline, the objective on validation and the test MAE and RMSE (mean ± sd
 * over its seeds), persistence on the same test windows beside it, and each variant's paired comparison with the
 * baseline ({@link AbComparison}: seed by seed on validation, Diebold–Mariano on the test windows, Holm across the
 * variants) with its verdict in words. The chosen arm is the best mean objective on validation among the arms whose
 * every seed finished; test metrics are shown, never used to choose.
 *
 * @param persistence the persistence forecast's test MAE and RMSE (the same windows for every arm)
 * @param chosen      the chosen arm's name; null while no arm has all its seeds
 * @param chosenRun   the trial number of the chosen arm's run with the best validation objective: THE best trial of
 *                    the campaign ({@link BestTrial}), the one the lockbox scores; null while no arm is chosen
 */
public record AbTable(String campaign, String objective, Direction direction, int seeds, List<Row> rows,
                      Stat persistenceMae, Stat persistenceRmse, String chosen, Integer chosenRun, String correction) {

    /** A mean ± sample sd over {@code n} seeds (sd NaN below 2). */
    public record Stat(double mean, double sd, int n) {
        static Stat of(double[] x) {
            if (x.length == 0) return new Stat(Double.NaN, Double.NaN, 0);
            return new Stat(StatUtils.mean(x), x.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(x)), x.length);
        }

        /** "0.01234 ± 0.00056", or "–" without runs. */
        public String text() {
            if (n == 0) return "–";
            String m = String.format(Locale.ROOT, "%.5g", mean);
            return Double.isNaN(sd) ? m : m + " ± " + String.format(Locale.ROOT, "%.2g", sd);
        }
    }

    /**
     * One arm: its name, change against the baseline, finished and unfinished runs (trial numbers of the finished
     * ones, in seed order), its statistics and, for a variant, its comparison with the baseline (null for the
     * baseline itself).
     */
    public record Row(String arm, String change, List<Integer> trials, int pending, Stat objective, Stat mae,
                      Stat rmse, Stat skill, AbComparison vsBaseline, boolean chosen) {
    }

    /** The table of campaign {@code c} run by {@code plan}: reads its finished trials and their predictions once. */
    public static AbTable of(Store store, Campaign c, AbPlan plan) {
        return of(store, c, PlanArms.of(store, c, plan));
    }

    /** The table of the arms already read ({@link PlanArms}): reads their runs' predictions once. */
    public static AbTable of(Store store, Campaign c, PlanArms arms) {
        AbPlan plan = arms.plan();
        Map<String, List<Trial>> runs = arms.runs();
        Map<Long, AbComparison.Forecast> forecasts = new LinkedHashMap<>();
        for (List<Trial> ts : runs.values()) {
            for (Trial t : ts) store.report(t.id()).flatMap(r -> forecast(r, c)).ifPresent(f -> forecasts.put(t.id(), f));
        }
        String baseName = plan.baseline().name();
        List<AbComparison> comparisons = AbComparison.against(runs.get(baseName),
                plan.arms().subList(1, plan.arms().size()).stream().map(a -> runs.get(a.name())).toList(),
                forecasts, c.direction());
        String chosen = arms.chosen();
        List<Row> rows = new ArrayList<>();
        List<Trial> all = new ArrayList<>();
        for (int i = 0; i < plan.arms().size(); i++) {
            AbPlan.Arm a = plan.arms().get(i);
            List<Trial> ts = runs.get(a.name());
            all.addAll(ts);
            rows.add(new Row(a.name(), a.changeText(), ts.stream().map(Trial::number).toList(), arms.pending().get(a.name()),
                    Stat.of(ts.stream().mapToDouble(Trial::objective).toArray()),
                    Stat.of(ts.stream().mapToDouble(t -> t.metrics().model().mae()).toArray()),
                    Stat.of(ts.stream().mapToDouble(t -> t.metrics().model().rmse()).toArray()),
                    Stat.of(ts.stream().mapToDouble(t -> t.metrics().skill()).toArray()),
                    i == 0 ? null : comparisons.get(i - 1), a.name().equals(chosen)));
        }
        return new AbTable(c.name(), c.objective().key(), c.direction(), plan.seeds(), List.copyOf(rows),
                Stat.of(all.stream().mapToDouble(t -> t.metrics().persistence().mae()).toArray()),
                Stat.of(all.stream().mapToDouble(t -> t.metrics().persistence().rmse()).toArray()), chosen,
                arms.chosenRun().map(Trial::number).orElse(null),
                comparisons.size() > 1 ? comparisons.size() + " variants are compared with the baseline: both tests'"
                        + " p-values are Holm-corrected across them" : null);
    }

    public Optional<Row> row(String arm) {
        return rows.stream().filter(r -> r.arm().equals(arm)).findFirst();
    }

    private static Optional<AbComparison.Forecast> forecast(TrialReport r, Campaign c) {
        // a run without readable predictions is left out of the test-window comparison, not the table
        return Predictions.of(r).map(p -> new AbComparison.Forecast(r.trial(),
                Comparability.of(r.trial(), c, r.provenance()), p,
                TrialConfig.horizon(TrialConfig.of(r.trial(), c, r.provenance()))));
    }
}
