package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.EpochMetrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.LSTM;
import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.rate;
import static org.assertj.core.api.Assertions.assertThat;

class OverfittingRuleTest {

    @Test
    void flatNoisyValidationWithFallingTrainingFiresInAtMostFivePercentOfHundredEpochRuns() {
        assertThat(rate(11, 1_000, SyntheticCurves::flatNoisyValidation, DiagnosisKind.OVERFITTING)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void healthyCurvesFireInAtMostFivePercent() {
        assertThat(rate(12, 1_000, SyntheticCurves::healthy, DiagnosisKind.OVERFITTING)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void plantedOverfittingIsDetectedInAtLeastNinetyPercent() {
        assertThat(rate(13, 1_000, SyntheticCurves::overfitting, DiagnosisKind.OVERFITTING)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void aRisingValidationLossAfterTheBestEpochWithFallingTrainingLossIsOverfittingFromTheNextEpoch() {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            double val = t <= 10 ? 2 - 0.1 * t : 1 + 0.02 * (t - 10) + (t % 2 == 0 ? 0.005 : -0.005);
            e.add(new EpochMetrics(t, 2.0 / t, val, val, 1));
        }
        Diagnosis d = Diagnoses.of(LSTM, e, null).find(DiagnosisKind.OVERFITTING);
        assertThat(d).isNotNull();
        assertThat(d.fromEpoch()).isEqualTo(11);
        assertThat(d.remedy()).isEqualTo("raise dropout to 0.3, shrink the model, stop earlier, or add data");
        assertThat(d.text()).contains("20 epochs after the best one (epoch 10)");
    }

    @Test
    void threeRisingEpochsInARowOnAFlatCurveAreNotATrend() {
        List<EpochMetrics> e = new ArrayList<>();
        double[] bumps = {0, 0.02, -0.01, 0.015, 0.03, 0.045, -0.02, 0.01, -0.005, 0.02, 0.0, -0.015, 0.01, 0.005, -0.01};
        for (int t = 1; t <= 40; t++) {
            double val = t == 5 ? 0.9 : 1 + bumps[t % bumps.length];
            e.add(new EpochMetrics(t, 2.0 / t, val, val, 1));
        }
        assertThat(Diagnoses.of(LSTM, e, null).kinds()).doesNotContain(DiagnosisKind.OVERFITTING);
    }

    @Test
    void bothLossesRisingIsNotOverfitting() {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            double loss = t <= 10 ? 2 - 0.1 * t : 1 + 0.03 * (t - 10);
            e.add(new EpochMetrics(t, loss, loss, loss, 1));
        }
        assertThat(Diagnoses.of(LSTM, e, null).kinds()).doesNotContain(DiagnosisKind.OVERFITTING);
    }

    @Test
    void fewerThanFiveEpochsAfterTheBestAreNotEnoughToJudge() {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            double val = t <= 16 ? 2 - 0.05 * t : 1.2 + 0.2 * (t - 16);
            e.add(new EpochMetrics(t, 2.0 / t, val, val, 1));
        }
        Diagnoses d = Diagnoses.of(LSTM, e, null);
        assertThat(d.kinds()).contains(DiagnosisKind.NOT_ENOUGH_EPOCHS).doesNotContain(DiagnosisKind.OVERFITTING);
        assertThat(d.find(DiagnosisKind.NOT_ENOUGH_EPOCHS).text())
                .isEqualTo("Not enough epochs to judge overfitting: the best epoch is 16 of 20, and a trend needs at"
                        + " least 5 epochs after it.");
        assertThat(d.bestEpoch()).isEqualTo(16);
    }
}
