package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.LSTM;
import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.rate;
import static org.assertj.core.api.Assertions.assertThat;

class TooSlowRuleTest {

    @Test
    void healthyCurvesFireInAtMostFivePercent() {
        assertThat(rate(41, 1_000, SyntheticCurves::healthy, DiagnosisKind.TOO_SLOW)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void flatNoisyValidationFiresInAtMostFivePercent() {
        assertThat(rate(42, 1_000, SyntheticCurves::flatNoisyValidation, DiagnosisKind.TOO_SLOW)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void plantedSlowDescentIsDetectedInAtLeastNinetyPercent() {
        assertThat(rate(43, 1_000, SyntheticCurves::tooSlow, DiagnosisKind.TOO_SLOW)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void stillFallingAtMaxEpochsAsksForAHigherLearningRateOrMoreEpochs() {
        Diagnosis d = Diagnoses.of(new TrainingSetup("gru", 40, TrialState.COMPLETE), falling(40), null)
                .find(DiagnosisKind.TOO_SLOW);
        assertThat(d).isNotNull();
        assertThat(d.remedy()).isEqualTo("raise the learning rate or the epochs");
        assertThat(d.text()).contains("max_epochs (40)");
    }

    @Test
    void aRunThatStoppedBeforeMaxEpochsOrWasPrunedIsNotTooSlow() {
        assertThat(Diagnoses.of(new TrainingSetup("lstm", 100, TrialState.COMPLETE), falling(40), null).kinds())
                .doesNotContain(DiagnosisKind.TOO_SLOW);
        assertThat(Diagnoses.of(new TrainingSetup("lstm", 40, TrialState.PRUNED), falling(40), null).kinds())
                .doesNotContain(DiagnosisKind.TOO_SLOW);
    }

    private static List<EpochMetrics> falling(int n) {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= n; t++) e.add(new EpochMetrics(t, 2 - 0.02 * t, 2.1 - 0.02 * t, 1, 1));
        return e;
    }
}
