package dev.lstmtuner.analysis.diagnosis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrendTest {

    @Test
    void exactMannKendallPValuesAreTheShareOfOrdersAtLeastAsRising() {
        assertThat(Trend.upwardP(new double[]{1, 2, 3, 4, 5})).isCloseTo(1.0 / 120, within(1e-12));
        // one swap from perfectly rising: S = 8, reached by the identity and the 4 adjacent swaps
        assertThat(Trend.upwardP(new double[]{2, 1, 3, 4, 5})).isCloseTo(5.0 / 120, within(1e-12));
        assertThat(Trend.upwardP(new double[]{5, 4, 3, 2, 1})).isCloseTo(1, within(1e-12));
        assertThat(Trend.downwardP(new double[]{5, 4, 3, 2, 1})).isCloseTo(1.0 / 120, within(1e-12));
    }

    @Test
    void theNormalApproximationAgreesWithTheExactTestWhereTheyMeet() {
        Random rng = new Random(5);
        double[] x = new double[Trend.EXACT_UP_TO + 1];
        for (int i = 0; i < x.length; i++) x[i] = 0.01 * i + rng.nextGaussian();
        double[] exact = Arrays.copyOf(x, Trend.EXACT_UP_TO);
        double[] approx = Arrays.copyOf(x, Trend.EXACT_UP_TO + 1);
        assertThat(Trend.upwardP(approx)).isCloseTo(Trend.upwardP(exact), within(0.05));
    }

    @Test
    void independentNoiseRejectsAtTheNominalRate() {
        Random rng = new Random(6);
        int hits = 0;
        for (int i = 0; i < 2_000; i++) {
            double[] x = new double[15];
            for (int j = 0; j < x.length; j++) x[j] = rng.nextGaussian();
            if (Trend.upwardP(x) < 0.05) hits++;
        }
        assertThat(hits / 2_000.0).isCloseTo(0.05, within(0.015));
    }

    @Test
    void senSlopeIgnoresOneSpikeAndNoiseIgnoresATrend() {
        double[] line = new double[20];
        for (int i = 0; i < line.length; i++) line[i] = 3 + 0.5 * i;
        line[7] = 100;
        assertThat(Trend.senSlope(line)).isCloseTo(0.5, within(1e-9));
        double[] trend = new double[20];
        for (int i = 0; i < trend.length; i++) trend[i] = 2 * i;
        assertThat(Trend.noise(trend)).isZero();
    }
}
