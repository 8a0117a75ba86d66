package dev.lstmtuner.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DieboldMarianoTest {
    // Reference values from an independent NumPy/SciPy implementation of dm.test(power=2) with the HLN correction.
    private static final double[] A = {0.5, -1.2, 0.3, 2.0, -0.7, 1.1, -0.4, 0.9, -1.5, 0.2, 0.8, -0.3};
    private static final double[] B = {0.4, -0.9, 0.5, 1.2, -0.5, 0.6, -0.6, 0.7, -1.1, 0.3, 0.5, -0.2};

    @Test
    void matchesReferenceStatisticAndPValueAtHorizonOne() {
        DieboldMariano.Result r = DieboldMariano.test(A, B, 1);
        assertThat(r.statistic()).isCloseTo(2.183219708686796, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.05157474796553397, within(1e-9));
        assertThat(r.better()).isEqualTo("B");
        assertThat(r.significant()).isFalse();
        assertThat(r.verdict()).startsWith("No real difference");
    }

    @Test
    void usesAutocovarianceLagsForLongerHorizons() {
        DieboldMariano.Result r = DieboldMariano.test(A, B, 2);
        assertThat(r.statistic()).isCloseTo(4.336677021271129, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.0011813274117786767, within(1e-9));
        assertThat(r.significant()).isTrue();
        assertThat(r.verdict()).startsWith("B forecasts better than A");
    }

    @Test
    void swappingTheForecastsFlipsTheSignButNotThePValue() {
        DieboldMariano.Result ab = DieboldMariano.test(A, B, 1);
        DieboldMariano.Result ba = DieboldMariano.test(B, A, 1);
        assertThat(ba.statistic()).isCloseTo(-ab.statistic(), within(1e-12));
        assertThat(ba.pValue()).isCloseTo(ab.pValue(), within(1e-12));
        assertThat(ba.better()).isEqualTo("A");
    }

    @Test
    void identicalErrorsAreNoDifference() {
        DieboldMariano.Result r = DieboldMariano.test(A, A.clone(), 1);
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.better()).isNull();
        assertThat(r.significant()).isFalse();
    }

    @Test
    void rejectsForecastsOfDifferentLength() {
        assertThatThrownBy(() -> DieboldMariano.test(A, new double[]{1, 2, 3}, 1))
                .hasMessageContaining("different windows");
    }

    @Test
    void negativeLongRunVarianceFallsBackToTheHorizonOneVarianceAndSaysSo() {
        // d = eA² − eB² alternates 3, −1, 3, −1, ...: mean 1, deviations ±2, so γ0 = 4 and γ1 = −4·11/12, and at
        // h = 2 the long-run variance γ0 + 2γ1 is negative.
        double[] a = new double[12], b = new double[12];
        for (int t = 0; t < 12; t++) {
            a[t] = t % 2 == 0 ? 2 : 0;
            b[t] = 1;
        }
        DieboldMariano.Result r = DieboldMariano.test(a, b, 2);
        DieboldMariano.Result h1 = DieboldMariano.test(a, b, 1);
        // by hand at h = 1: mean / sqrt(γ0 / n) · sqrt((n + 1 − 2) / n) = 1 / sqrt(4/12) · sqrt(11/12) = sqrt(2.75)
        assertThat(r.statistic()).isCloseTo(Math.sqrt(2.75), within(1e-12));
        assertThat(r.statistic()).isEqualTo(h1.statistic());
        assertThat(r.pValue()).isEqualTo(h1.pValue());
        assertThat(r.pValue()).isLessThan(1.0);
        assertThat(r.horizon()).isEqualTo(1);
        assertThat(r.note()).contains("negative").contains("horizon-1 variance");
        assertThat(r.verdict()).startsWith(r.note());
        assertThat(h1.note()).isNull();
        assertThat(DieboldMariano.test(A, B, 2).note()).isNull();
    }
}
