package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.pruner.AshaPruner;
import dev.lstmtuner.search.pruner.MedianPruner;
import dev.lstmtuner.search.pruner.NoPruner;
import dev.lstmtuner.search.pruner.PatientPruner;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.search.pruner.Pruners;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrunerTest {
    private static PastTrial finished(int number, double... curve) {
        return new PastTrial(number, Map.of(), TrialState.COMPLETE, curve[curve.length - 1], curve);
    }

    private static PastTrial running(int number, double... curve) {
        return new PastTrial(number, Map.of(), TrialState.RUNNING, null, curve);
    }

    private static PastTrial pruned(int number, double... curve) {
        return new PastTrial(number, Map.of(), TrialState.PRUNED, null, curve);
    }

    private static PastTrial failed(int number, double... curve) {
        return new PastTrial(number, Map.of(), TrialState.FAILED, null, curve);
    }

    /** Ten finished trials whose curves fall from 10 + i to 5 + i over 10 epochs. */
    private static List<PastTrial> goodHistory() {
        List<PastTrial> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double[] c = new double[10];
            for (int e = 0; e < 10; e++) c[e] = 10 + i - e * 0.5;
            out.add(finished(i, c));
        }
        return out;
    }

    private static double[] prefix(double[] curve, int epochs) {
        return Arrays.copyOf(curve, epochs);
    }

    @Test
    void medianPrunerNeverPrunesBeforeWarmupSteps() {
        Pruner median = new MedianPruner(0, 3, 1);
        double[] awful = {1000, 1000, 1000, 1000, 1000};
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertThat(median.shouldPrune(99, prefix(awful, epoch), goodHistory(), Direction.MINIMIZE).prune())
                    .as("epoch %d", epoch).isFalse();
        }
        Pruner.Decision d = median.shouldPrune(99, prefix(awful, 4), goodHistory(), Direction.MINIMIZE);
        assertThat(d.prune()).isTrue();
        // the median of 10 + i - 1.5 for i = 0..9 is 13
        assertThat(d.reason()).contains("objective 1000.00").contains("median 13.0000").contains("10 finished trials")
                .contains("epoch 4");
    }

    @Test
    void medianPrunerWaitsForItsStartupTrials() {
        Pruner median = new MedianPruner(11, 0, 1);
        assertThat(median.shouldPrune(99, new double[]{1000}, goodHistory(), Direction.MINIMIZE).prune()).isFalse();
        Pruner ready = new MedianPruner(10, 0, 1);
        assertThat(ready.shouldPrune(99, new double[]{1000}, goodHistory(), Direction.MINIMIZE).prune()).isTrue();
    }

    @Test
    void medianPrunerJudgesFirstAtWarmupPlusOneThenEveryInterval() {
        MedianPruner median = new MedianPruner(0, 2, 2);
        // Optuna's steps 2, 4, 6 (0-based) are epochs 3, 5, 7
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().filter(median::judgesAt).toList()).containsExactly(3, 5, 7);
        double[] good = {11, 10, 9, 8, 7, 6};
        double[] bad = {20, 20, 20, 20, 20, 20};
        for (int epoch = 1; epoch <= 6; epoch++) {
            assertThat(median.shouldPrune(99, prefix(good, epoch), goodHistory(), Direction.MINIMIZE).prune()).isFalse();
        }
        assertThat(median.shouldPrune(99, prefix(bad, 2), goodHistory(), Direction.MINIMIZE).prune()).isFalse(); // warm-up
        assertThat(median.shouldPrune(99, prefix(bad, 3), goodHistory(), Direction.MINIMIZE).prune()).isTrue();
        assertThat(median.shouldPrune(99, prefix(bad, 4), goodHistory(), Direction.MINIMIZE).prune()).isFalse(); // off-interval
        assertThat(median.shouldPrune(99, prefix(bad, 5), goodHistory(), Direction.MINIMIZE).prune()).isTrue();
        assertThat(new MedianPruner(0, 0, 3).judgesAt(1)).isTrue();
    }

    @Test
    void medianPrunerUsesTheBestValueSoFar() {
        Pruner median = new MedianPruner(0, 0, 1);
        List<PastTrial> others = List.of(finished(1, 5, 5, 5), finished(2, 6, 6, 6), finished(3, 7, 7, 7));
        // epoch 3's own value is 9, but epoch 1 reached 4: better than the median 6
        assertThat(median.shouldPrune(99, new double[]{4, 8, 9}, others, Direction.MINIMIZE).prune()).isFalse();
        assertThat(median.shouldPrune(99, new double[]{8, 8, 9}, others, Direction.MINIMIZE).prune()).isTrue();
    }

    @Test
    void medianPrunerComparesAgainstCompleteAndPrunedTrialsOnly() {
        Pruner median = new MedianPruner(1, 0, 1);
        // the median over complete 5 and pruned 6, 7 is 6; running and failed trials at 1 must not pull it down
        List<PastTrial> others = List.of(finished(1, 5, 5), pruned(2, 6, 6), pruned(3, 7, 7),
                running(4, 1, 1), running(5, 1, 1), failed(6, 1, 1), failed(7, 1, 1));
        assertThat(median.shouldPrune(99, new double[]{5.5, 5.5}, others, Direction.MINIMIZE).prune()).isFalse();
        Pruner.Decision d = median.shouldPrune(99, new double[]{6.5, 6.5}, others, Direction.MINIMIZE);
        assertThat(d.prune()).isTrue();
        assertThat(d.reason()).contains("median 6.00000").contains("3 finished trials");
        // pruned trials alone do not end the startup: it counts COMPLETE trials
        assertThat(median.shouldPrune(99, new double[]{9, 9}, List.of(pruned(2, 6, 6), pruned(3, 7, 7)), Direction.MINIMIZE)
                .prune()).isFalse();
    }

    @Test
    void medianPrunerPrunesACurveThatIsAllNaN() {
        Pruner median = new MedianPruner(0, 0, 1);
        Pruner.Decision d = median.shouldPrune(99, new double[]{Double.NaN}, List.of(finished(1, 5)), Direction.MINIMIZE);
        assertThat(d.prune()).isTrue();
        assertThat(d.reason()).contains("NaN");
    }

    @Test
    void medianPrunerFollowsTheDirection() {
        Pruner median = new MedianPruner(0, 0, 1);
        List<PastTrial> others = List.of(finished(1, 0.5), finished(2, 0.6), finished(3, 0.7));
        assertThat(median.shouldPrune(99, new double[]{0.9}, others, Direction.MAXIMIZE).prune()).isFalse();
        Pruner.Decision d = median.shouldPrune(99, new double[]{0.2}, others, Direction.MAXIMIZE);
        assertThat(d.prune()).isTrue();
        assertThat(d.reason()).startsWith("objective 0.200000");
    }

    @Test
    void patientPrunerWaitsUntilTheCurveStalls() {
        PatientPruner alone = new PatientPruner(null, 2, 0.0);
        // too short to judge: patience + 1 epochs after at least one before
        assertThat(alone.shouldPrune(1, new double[]{5, 6, 6}, List.of(), Direction.MINIMIZE).prune()).isFalse();
        // still improving within the last 3 epochs
        assertThat(alone.shouldPrune(1, new double[]{5, 6, 6, 4.9}, List.of(), Direction.MINIMIZE).prune()).isFalse();
        // the last 3 epochs (6, 6, 5.5) are all worse than the best before them (5)
        Pruner.Decision d = alone.shouldPrune(1, new double[]{5, 6, 6, 5.5}, List.of(), Direction.MINIMIZE);
        assertThat(d.prune()).isTrue();
        assertThat(d.reason()).contains("last 3 epochs");
        assertThat(alone.stalled(new double[]{5, 4, 4, 4.5}, Direction.MAXIMIZE)).isTrue();
        assertThat(alone.stalled(new double[]{5, 4, 4, 5.5}, Direction.MAXIMIZE)).isFalse();
    }

    @Test
    void patientPrunerMinDeltaIsAToleranceAsInOptuna() {
        double[] curve = {5, 6, 6, 5.5};
        assertThat(new PatientPruner(null, 2, 0.4).stalled(curve, Direction.MINIMIZE)).isTrue();
        // within 0.5 + tolerance of the best before: not stalled
        assertThat(new PatientPruner(null, 2, 0.6).stalled(curve, Direction.MINIMIZE)).isFalse();
    }

    @Test
    void patientPrunerPrunesAStalledTrialOnlyWhenTheWrappedPrunerAgrees() {
        PatientPruner patient = new PatientPruner(new MedianPruner(0, 0, 1), 1, 0.0);
        List<PastTrial> others = List.of(finished(1, 9, 8, 7), finished(2, 9, 8, 7));
        // stalled (3 then 4, 4) but better than the median 7 at epoch 3
        assertThat(patient.shouldPrune(9, new double[]{3, 4, 4}, others, Direction.MINIMIZE).prune()).isFalse();
        // improving (9 then 8.5) and worse than the median: the wrapped pruner is not even asked
        assertThat(patient.shouldPrune(9, new double[]{10, 9, 8.5}, others, Direction.MINIMIZE).prune()).isFalse();
        // stalled and worse than the median
        assertThat(patient.shouldPrune(9, new double[]{8, 9, 9}, others, Direction.MINIMIZE).prune()).isTrue();
    }

    @Test
    void ashaPromotesTopOneOverEta() {
        Pruner asha = new AshaPruner(1, 3, 0);
        // nine trials have reached rung 0 (epoch 1) with values 1..9: exactly the best three go on
        List<PastTrial> all = new ArrayList<>();
        for (int i = 1; i <= 9; i++) all.add(running(i, i));
        List<Integer> kept = new ArrayList<>();
        for (PastTrial t : all) {
            List<PastTrial> others = all.stream().filter(o -> o.number() != t.number()).toList();
            if (!asha.shouldPrune(t.number(), t.intermediate(), others, Direction.MINIMIZE).prune()) kept.add(t.number());
        }
        assertThat(kept).containsExactly(1, 2, 3);
        // with four at the rung, 4 // 3 = 1 goes on: the 1, not a 4 arriving after 1, 2 and 3
        assertThat(asha.shouldPrune(4, new double[]{4}, all.subList(0, 3), Direction.MINIMIZE).prune()).isTrue();
        assertThat(asha.shouldPrune(4, new double[]{0.5}, all.subList(0, 3), Direction.MINIMIZE).prune()).isFalse();
    }

    @Test
    void ashaDoesNotWaitForARungToFill() {
        Pruner asha = new AshaPruner(1, 3, 0);
        // the first trial at a rung is promoted alone; a worse second one is stopped at once
        assertThat(asha.shouldPrune(0, new double[]{5}, List.of(), Direction.MINIMIZE).prune()).isFalse();
        Pruner.Decision d = asha.shouldPrune(1, new double[]{6}, List.of(running(0, 5, 4)), Direction.MINIMIZE);
        assertThat(d.prune()).isTrue();
        assertThat(d.reason()).contains("rung 0").contains("top 1/3").contains("epoch 1");
    }

    @Test
    void ashaJudgesOnlyAtRungs() {
        AshaPruner asha = new AshaPruner(2, 2, 1); // rungs at epochs 4, 8, 16, ...
        assertThat(asha.rungAt(2)).isEqualTo(-1);
        assertThat(asha.rungAt(4)).isZero();
        assertThat(asha.rungAt(8)).isEqualTo(1);
        assertThat(asha.rungAt(12)).isEqualTo(-1);
        assertThat(asha.rungAt(16)).isEqualTo(2);
        List<PastTrial> others = List.of(finished(1, 1, 1, 1, 1, 1, 1, 1, 1), finished(2, 1, 1, 1, 1, 1, 1, 1, 1));
        double[] bad = {9, 9, 9, 9, 9, 9, 9, 9};
        assertThat(asha.shouldPrune(5, prefix(bad, 3), others, Direction.MINIMIZE).prune()).isFalse();
        assertThat(asha.shouldPrune(5, prefix(bad, 4), others, Direction.MINIMIZE).prune()).isTrue();
    }

    @Test
    void ashaComparesTheBestValueUpToTheRung() {
        Pruner asha = new AshaPruner(1, 2, 0); // rungs at 1, 2, 4
        List<PastTrial> others = List.of(finished(1, 5, 5, 5, 5));
        // at epoch 2 this trial reads 7, but it reached 3 at epoch 1
        assertThat(asha.shouldPrune(9, new double[]{3, 7}, others, Direction.MINIMIZE).prune()).isFalse();
        assertThat(asha.shouldPrune(9, new double[]{6, 7}, others, Direction.MINIMIZE).prune()).isTrue();
    }

    @Test
    void ashaFollowsTheDirection() {
        Pruner asha = new AshaPruner(1, 2, 0);
        List<PastTrial> others = List.of(finished(1, 0.5));
        assertThat(asha.shouldPrune(9, new double[]{0.9}, others, Direction.MAXIMIZE).prune()).isFalse();
        assertThat(asha.shouldPrune(9, new double[]{0.1}, others, Direction.MAXIMIZE).prune()).isTrue();
    }

    @Test
    void noPrunerNeverPrunes() {
        assertThat(new NoPruner().shouldPrune(1, new double[]{1e9, Double.NaN}, goodHistory(), Direction.MINIMIZE).prune()).isFalse();
    }

    @Test
    void prunersByNameBuildsEachAndRefusesUnknownOnes() {
        assertThat(Pruners.byName("none", Map.of())).isInstanceOf(NoPruner.class);
        assertThat(Pruners.byName("median", Map.of("warmup_epochs", 3))).isInstanceOf(MedianPruner.class);
        assertThat(Pruners.byName("asha", Map.of("reduction_factor", 2, "min_resource", 3))).isInstanceOf(AshaPruner.class);
        assertThatThrownBy(() -> Pruners.byName("hyperband", Map.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("hyperband").hasMessageContaining("asha");
        assertThatThrownBy(() -> Pruners.byName("asha", Map.of("eta", 3)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"eta\"").hasMessageContaining("reduction_factor");
        assertThatThrownBy(() -> Pruners.byName("asha", Map.of("reduction_factor", 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("reduction_factor");
        assertThat(Pruners.byName("patient", Map.of("patience", 2, "wrapped", Map.of("type", "asha", "min_resource", 3))).name())
                .isEqualTo("patient(asha)");
        assertThat(Pruners.byName("patient", Map.of()).name()).isEqualTo("patient(none)");
        assertThatThrownBy(() -> Pruners.byName("patient", Map.of("wrapped", Map.of("type", "median", "eta", 1))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"eta\"");
    }

    @Test
    void thePrunerMetricOptionIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> Pruners.byName("median", Map.of("metric", "val_loss")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"metric\"").hasMessageContaining("objective");
    }
}
