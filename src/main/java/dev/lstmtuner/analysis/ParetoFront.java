package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.NonDominatedSort;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A campaign's trade-off between its objectives: every COMPLETE sampled trial (confirmation runs left out) with its
 * value of each objective and its front (0 = non-dominated: no other trial is at least as good on every objective
 * and better on one, each objective in its own direction). The front is what the leaderboard draws, the report
 * tabulates and confirmation re-runs. A trial lacking a value (one recorded before schema version 11) is placed
 * from its final metrics where they have it, and left out where not.
 */
public record ParetoFront(Objectives objectives, List<Point> points) {
    private static final int PAGE = 5000;

    /** One trial: its values in the objectives' order and its front. */
    public record Point(Trial trial, double[] values, int rank) {
        public boolean onFront() {
            return rank == 0;
        }
    }

    public static ParetoFront of(Store store, Campaign campaign) {
        Objectives objectives = Objectives.ofSettings(campaign.settingsJson(), campaign.objective());
        List<Trial> complete = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            Page<Trial> page = store.trials(TrialQuery.of(campaign.name()).state(TrialState.COMPLETE).sortBy("number")
                    .descending(false).page(PAGE, offset));
            for (Trial t : page.items()) if (t.confirmOf() == null) complete.add(t);
            if (page.items().size() < PAGE) break;
        }
        Map<Long, Map<Objective, Double>> stored = store.objectiveValues(complete.stream().map(Trial::id).toList());
        List<Trial> kept = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Trial t : complete) {
            double[] v = values(objectives, t, stored.getOrDefault(t.id(), Map.of()));
            if (v == null) continue;
            kept.add(t);
            values.add(v);
        }
        return of(objectives, kept, values);
    }

    /** The fronts of these trials with these values (one array per trial, in the objectives' order). */
    public static ParetoFront of(Objectives objectives, List<Trial> trials, List<double[]> values) {
        int[] rank = NonDominatedSort.ranks(losses(objectives, values));
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) points.add(new Point(trials.get(i), values.get(i).clone(), rank[i]));
        return new ParetoFront(objectives, List.copyOf(points));
    }

    static double[][] losses(Objectives objectives, List<double[]> values) {
        List<Direction> dirs = objectives.directions();
        double[][] l = new double[values.size()][];
        for (int i = 0; i < values.size(); i++) l[i] = Direction.asLosses(dirs, values.get(i));
        return l;
    }

    /** The non-dominated trials, best on the primary objective first (ties by number). */
    public List<Point> front() {
        Direction primary = objectives.primary().direction();
        return points.stream().filter(Point::onFront)
                .sorted(Comparator.comparingDouble((Point p) -> primary.asLoss(p.values()[0]))
                        .thenComparingInt(p -> p.trial().number()))
                .toList();
    }

    /** The front's trial numbers, in {@link #front} order. */
    public List<Integer> frontNumbers() {
        return front().stream().map(p -> p.trial().number()).toList();
    }

    /** Whether an objective is measured wall time, so the front moves on a rerun and on other hardware. */
    public boolean timed() {
        return objectives.contains(Objective.TRAINING_SECONDS);
    }

    /** The sentence every view shows beside a front that has {@code training_seconds} among its objectives. */
    public static final String NOT_REPRODUCIBLE = "training_seconds is measured wall time: it changes with the machine,"
            + " its load and the number of workers, so this front is not reproducible on its training_seconds axis";

    private static double[] values(Objectives objectives, Trial t, Map<Objective, Double> stored) {
        double[] v = new double[objectives.list().size()];
        for (int k = 0; k < v.length; k++) {
            Objective o = objectives.list().get(k);
            Double x = stored.containsKey(o) ? stored.get(o) : o.of(t.metrics());
            if (k == 0 && x == null) x = t.objective();
            if (x == null || x.isNaN()) return null;
            v[k] = x;
        }
        return v;
    }
}
