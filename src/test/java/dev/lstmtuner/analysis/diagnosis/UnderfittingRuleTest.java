package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.EpochMetrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.LSTM;
import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.rate;
import static org.assertj.core.api.Assertions.assertThat;

class UnderfittingRuleTest {

    @Test
    void healthyCurvesFireInAtMostFivePercent() {
        assertThat(rate(21, 1_000, SyntheticCurves::healthy, DiagnosisKind.UNDERFITTING)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void flatNoisyValidationWithFallingTrainingIsNotUnderfitting() {
        assertThat(rate(22, 1_000, SyntheticCurves::flatNoisyValidation, DiagnosisKind.UNDERFITTING)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void plantedHighFlatLossesAreDetectedInAtLeastNinetyPercent() {
        assertThat(rate(23, 1_000, SyntheticCurves::underfitting, DiagnosisKind.UNDERFITTING)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void bothLossesWithinTenPercentOfTheFirstEpochAskForALargerModel() {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= 12; t++) e.add(new EpochMetrics(t, 1.0 - 0.005 * t, 1.05 - 0.004 * t, 1, 1));
        Diagnosis d = Diagnoses.of(LSTM, e, null).find(DiagnosisKind.UNDERFITTING);
        assertThat(d).isNotNull();
        assertThat(d.remedy()).startsWith("a larger model");
        assertThat(d.text()).contains("training loss fell 4.5%").contains("validation loss 3.4%");
    }

    @Test
    void aFallingTrainingLossIsNotUnderfittingEvenWhenValidationIsFlat() {
        List<EpochMetrics> e = new ArrayList<>();
        for (int t = 1; t <= 12; t++) e.add(new EpochMetrics(t, 1.0 / t, 1.0, 1, 1));
        assertThat(Diagnoses.of(LSTM, e, null).kinds()).doesNotContain(DiagnosisKind.UNDERFITTING);
    }
}
