package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosesTest {

    @Test
    void linearAndForestTrialsGetNoCurveAndOnlyTheForecastDiagnosis() {
        Forecasts still = SyntheticCurves.standingStill(new Random(61), 200);
        for (String family : List.of("linear", "forest")) {
            Diagnoses d = Diagnoses.of(new TrainingSetup(family, 100, TrialState.COMPLETE), List.of(), still);
            assertThat(d.curve()).isFalse();
            assertThat(d.bestEpoch()).isNull();
            assertThat(d.kinds()).containsExactly(DiagnosisKind.LEARNED_NOTHING);
            assertThat(Diagnoses.of(new TrainingSetup(family, 100, TrialState.COMPLETE), List.of(),
                    SyntheticCurves.informative(new Random(62), 200)).items()).isEmpty();
        }
    }

    @Test
    void aRecurrentTrialWithEpochsHasACurveAndItsBestEpoch() {
        List<EpochMetrics> e = SyntheticCurves.healthy(new Random(63));
        Diagnoses d = Diagnoses.of(SyntheticCurves.LSTM, e, null);
        assertThat(d.curve()).isTrue();
        EpochMetrics best = e.stream().min((a, b) -> Double.compare(a.valLoss(), b.valLoss())).orElseThrow();
        assertThat(d.bestEpoch()).isEqualTo(best.epoch());
    }

    @Test
    void aTrialThatIsNotFinishedIsNotDiagnosedYet() {
        List<EpochMetrics> e = SyntheticCurves.overfitting(new Random(64));
        for (TrialState s : List.of(TrialState.RUNNING, TrialState.WAITING, TrialState.FAILED)) {
            Diagnoses d = Diagnoses.of(new TrainingSetup("lstm", 100, s), e, null);
            assertThat(d.items()).isEmpty();
            assertThat(d.curve()).isTrue();
        }
    }

    @Test
    void diagnosisKeysRoundTripForFilters() {
        for (DiagnosisKind k : DiagnosisKind.values()) assertThat(DiagnosisKind.byKey(k.key())).contains(k);
        assertThat(DiagnosisKind.byKey("Too-Slow")).contains(DiagnosisKind.TOO_SLOW);
        assertThat(DiagnosisKind.byKey("bored")).isEmpty();
    }
}
