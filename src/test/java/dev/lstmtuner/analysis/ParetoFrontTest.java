package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Pareto front against brute force, each objective in its own direction. */
class ParetoFrontTest {
    private static final Objectives MIN_MIN = new Objectives(List.of(Objective.VAL_RMSE, Objective.TRAINING_SECONDS));
    private static final Objectives MAX_MIN = new Objectives(List.of(Objective.VAL_DIRECTION_ACCURACY, Objective.PARAMS));
    private static final Objectives THREE = new Objectives(List.of(Objective.VAL_LOSS, Objective.VAL_DIRECTION_ACCURACY,
            Objective.PARAMS));

    @Test
    void theFrontIsExactlyTheTrialsNoOtherTrialDominatesOnRandomPointsInEveryDirection() {
        SplittableRandom rng = new SplittableRandom(11);
        for (Objectives o : List.of(MIN_MIN, MAX_MIN, THREE)) {
            for (int round = 0; round < 60; round++) {
                int n = 1 + rng.nextInt(40);
                List<Trial> trials = new ArrayList<>();
                List<double[]> values = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    trials.add(Trials.complete(i + 1, i + 1, 0, null, null));
                    double[] v = new double[o.list().size()];
                    // a coarse grid, so ties and duplicates happen
                    for (int k = 0; k < v.length; k++) v[k] = rng.nextInt(6);
                    values.add(v);
                }
                ParetoFront f = ParetoFront.of(o, trials, values);
                assertThat(new HashSet<>(f.frontNumbers())).as(o.keys() + " round " + round)
                        .isEqualTo(bruteForce(o, values));
            }
        }
    }

    @Test
    void aMaximisedObjectiveCountsLargerAsBetterAndTheFrontIsOrderedByThePrimary() {
        List<Trial> trials = List.of(Trials.complete(1, 1, 0, null, null), Trials.complete(2, 2, 0, null, null),
                Trials.complete(3, 3, 0, null, null), Trials.complete(4, 4, 0, null, null));
        // accuracy (max), params (min): #2 dominates #1; #3 and #4 trade off with #2
        List<double[]> values = List.of(new double[]{0.50, 200}, new double[]{0.55, 150}, new double[]{0.60, 900},
                new double[]{0.52, 100});
        ParetoFront f = ParetoFront.of(MAX_MIN, trials, values);
        assertThat(f.frontNumbers()).containsExactly(3, 2, 4);
        assertThat(f.points().get(0).rank()).isEqualTo(1);
        ParetoFront flipped = ParetoFront.of(MIN_MIN, trials, values);
        assertThat(flipped.frontNumbers()).as("both minimised: #1 is no longer dominated by #2").contains(1, 4)
                .doesNotContain(3);
    }

    @Test
    void aFrontWithTrainingSecondsSaysItIsNotReproducible() {
        assertThat(ParetoFront.of(MIN_MIN, List.of(), List.of()).timed()).isTrue();
        assertThat(ParetoFront.of(MAX_MIN, List.of(), List.of()).timed()).isFalse();
    }

    /** Every point no other point is at least as good as on all objectives and better on one. */
    private static Set<Integer> bruteForce(Objectives o, List<double[]> values) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < values.size() && !dominated; j++) {
                boolean noWorse = true;
                boolean better = false;
                for (int k = 0; k < o.list().size(); k++) {
                    Direction d = o.list().get(k).direction();
                    double a = values.get(j)[k], b = values.get(i)[k];
                    if (d.isBetter(b, a)) noWorse = false;
                    if (d.isBetter(a, b)) better = true;
                }
                dominated = noWorse && better;
            }
            if (!dominated) out.add(i + 1);
        }
        return out;
    }
}
