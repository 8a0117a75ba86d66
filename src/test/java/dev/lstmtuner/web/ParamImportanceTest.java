package dev.lstmtuner.web;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParamImportanceTest {

    @Test
    void paramThatDrivesTheObjectiveRanksFirst() {
        Random rnd = new Random(7);
        List<ParamImportance.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double lr = Math.pow(10, -4 + 3 * rnd.nextDouble());
            int units = 16 << rnd.nextInt(4);
            samples.add(new ParamImportance.Sample(Map.of("learning_rate", lr, "units", units),
                    Math.log10(lr) * Math.log10(lr) + 0.01 * rnd.nextGaussian()));
        }
        List<ParamImportance.Importance> imp = ParamImportance.compute(samples);
        assertThat(imp).extracting(ParamImportance.Importance::param).containsExactly("learning_rate", "units");
        assertThat(imp.get(0).varianceShare()).isGreaterThan(0.9);
        assertThat(imp.get(1).varianceShare()).isLessThan(0.1);
        assertThat(imp.get(0).groups()).isEqualTo(ParamImportance.MAX_BINS);
        assertThat(imp.stream().mapToDouble(ParamImportance.Importance::normalized).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void categoricalParamExplainsAllVarianceWhenObjectiveDependsOnlyOnIt() {
        List<ParamImportance.Sample> samples = List.of(
                new ParamImportance.Sample(Map.of("scaler", "standard", "seed", 1), 1.0),
                new ParamImportance.Sample(Map.of("scaler", "standard", "seed", 2), 1.0),
                new ParamImportance.Sample(Map.of("scaler", "minmax", "seed", 1), 3.0),
                new ParamImportance.Sample(Map.of("scaler", "minmax", "seed", 2), 3.0));
        List<ParamImportance.Importance> imp = ParamImportance.compute(samples);
        assertThat(imp.get(0).param()).isEqualTo("scaler");
        assertThat(imp.get(0).varianceShare()).isCloseTo(1.0, within(1e-12));
        assertThat(imp.get(1).varianceShare()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void constantObjectiveOrSingleTrialGivesNoImportance() {
        assertThat(ParamImportance.compute(List.of(new ParamImportance.Sample(Map.of("a", 1), 2.0)))).isEmpty();
        assertThat(ParamImportance.compute(List.of(new ParamImportance.Sample(Map.of("a", 1), 2.0),
                new ParamImportance.Sample(Map.of("a", 2), 2.0)))).isEmpty();
    }

    @Test
    void equalNumericValuesShareABin() {
        List<ParamImportance.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) samples.add(new ParamImportance.Sample(Map.of("x", i < 15 ? 0.5 : i), i));
        int[] g = ParamImportance.groups(samples, "x");
        for (int i = 1; i < 15; i++) assertThat(g[i]).isEqualTo(g[0]);
    }
}
