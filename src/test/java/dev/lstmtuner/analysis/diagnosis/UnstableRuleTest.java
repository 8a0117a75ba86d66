package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.EpochMetrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.LSTM;
import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.rate;
import static org.assertj.core.api.Assertions.assertThat;

class UnstableRuleTest {

    @Test
    void healthyCurvesFireInAtMostFivePercent() {
        assertThat(rate(31, 1_000, SyntheticCurves::healthy, DiagnosisKind.UNSTABLE)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void plantedOscillationIsDetectedInAtLeastNinetyPercent() {
        assertThat(rate(32, 1_000, SyntheticCurves::unstable, DiagnosisKind.UNSTABLE)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void aSteepButSmoothFallIsNotAnOscillation() {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= 30; t++) e.add(new EpochMetrics(t, 10 * Math.exp(-t / 2.0) + 0.1, 10 * Math.exp(-t / 2.0) + 0.1, 1, 1));
        assertThat(Diagnoses.of(LSTM, e, null).kinds()).doesNotContain(DiagnosisKind.UNSTABLE);
    }

    @Test
    void aLossThatJumpsUpAndDownAsksForALowerLearningRate() {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= 30; t++) e.add(new EpochMetrics(t, 1.0 / t, t % 2 == 0 ? 1.0 : 1.5, 1, 1));
        Diagnosis d = Diagnoses.of(LSTM, e, null).find(DiagnosisKind.UNSTABLE);
        assertThat(d).isNotNull();
        assertThat(d.remedy()).isEqualTo("lower the learning rate");
    }

    @Test
    void aDivergedRunIsUnstableAndNothingElseIsJudgedOnItsCurve() {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= 30; t++) e.add(new EpochMetrics(t, t < 20 ? 1.0 / t : Double.NaN, t < 20 ? 1.0 / t : Double.NaN, 1, 1));
        assertThat(Diagnoses.of(LSTM, e, null).kinds()).containsExactly(DiagnosisKind.UNSTABLE);
    }
}
