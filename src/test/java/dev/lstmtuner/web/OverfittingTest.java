package dev.lstmtuner.web;

import dev.lstmtuner.result.EpochMetrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OverfittingTest {

    private static List<EpochMetrics> curve(double[] train, double[] val) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 0; i < train.length; i++) out.add(new EpochMetrics(i + 1, train[i], val[i], val[i] * 100, 10));
        return out;
    }

    @Test
    void flagsValidationRisingWhileTrainingFallsForKEpochs() {
        var v = Overfitting.analyze(curve(
                new double[]{1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2},
                new double[]{1.0, 0.7, 0.5, 0.55, 0.6, 0.65, 0.7}), 3);
        assertThat(v.overfitting()).isTrue();
        assertThat(v.fromEpoch()).isEqualTo(4);
        assertThat(v.bestEpoch()).isEqualTo(3);
    }

    @Test
    void shortDivergenceOrBothRisingIsNotOverfitting() {
        var shortRun = Overfitting.analyze(curve(
                new double[]{1.0, 0.8, 0.6, 0.5, 0.4},
                new double[]{1.0, 0.7, 0.75, 0.8, 0.6}), 3);
        assertThat(shortRun.overfitting()).isFalse();
        assertThat(shortRun.fromEpoch()).isNull();
        var bothRising = Overfitting.analyze(curve(
                new double[]{1.0, 1.1, 1.2, 1.3, 1.4},
                new double[]{1.0, 1.1, 1.2, 1.3, 1.4}), 3);
        assertThat(bothRising.overfitting()).isFalse();
    }

    @Test
    void emptyCurveHasNoBestEpoch() {
        assertThat(Overfitting.analyze(List.of(), 3).bestEpoch()).isNull();
    }
}
