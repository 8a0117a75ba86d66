package dev.lstmtuner.analysis.diagnosis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import static dev.lstmtuner.analysis.diagnosis.SyntheticCurves.LSTM;
import static org.assertj.core.api.Assertions.assertThat;

class LearnedNothingRuleTest {
    private static final int WINDOWS = 300;

    @Test
    void informativeForecastsFireInAtMostFivePercent() {
        assertThat(rate(51, SyntheticCurves::informative)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void forecastsThatStandStillAreDetectedInAtLeastNinetyPercent() {
        assertThat(rate(52, SyntheticCurves::standingStill)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void forecastsThatAreNoiseAreDetectedInAtLeastNinetyPercent() {
        assertThat(rate(53, SyntheticCurves::noise)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void noiseForecastsSayTheyCarryNoInformationAndStillOnesSayPersistenceInDisguise() {
        Random rng = new Random(54);
        Diagnosis still = Diagnoses.of(LSTM, List.of(), SyntheticCurves.standingStill(rng, WINDOWS)).find(DiagnosisKind.LEARNED_NOTHING);
        assertThat(still.text()).contains("stand still").contains("persistence in disguise");
        Diagnosis noise = Diagnoses.of(LSTM, List.of(), SyntheticCurves.noise(rng, WINDOWS)).find(DiagnosisKind.LEARNED_NOTHING);
        assertThat(noise.text()).contains("carry no information").contains("over 300 test windows");
        assertThat(noise.remedy()).contains("lookback");
    }

    @Test
    void tooFewTestWindowsAreNotJudged() {
        Forecasts few = SyntheticCurves.standingStill(new Random(55), LearnedNothingRule.MIN_WINDOWS - 1);
        assertThat(Diagnoses.of(LSTM, List.of(), few).items()).isEmpty();
    }

    private static double rate(long seed, BiFunction<Random, Integer, Forecasts> forecasts) {
        Random rng = new Random(seed);
        int hits = 0;
        for (int i = 0; i < 1_000; i++) {
            if (Diagnoses.of(LSTM, List.of(), forecasts.apply(rng, WINDOWS)).kinds().contains(DiagnosisKind.LEARNED_NOTHING)) hits++;
        }
        return SyntheticCurves.report(DiagnosisKind.LEARNED_NOTHING, seed, hits, 1_000);
    }
}
