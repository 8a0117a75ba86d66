package dev.lstmtuner.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PesaranTimmermannTest {
    // signs of the actual and the predicted moves; reference from the 1992 paper's formulas in NumPy/SciPy:
    // P = 0.8333, P* = 0.5556, PT = 3.1277162108561214, one-sided p = 0.0008808509607168835
    private static final int[] ACTUAL = {1, 1, -1, 1, -1, -1, 1, 1, 1, -1, 1, 1, -1, 1, 1, -1, 1, 1, 1, -1, 1, -1, 1, 1};
    private static final int[] PREDICTED = {1, 1, -1, 1, 1, -1, 1, -1, 1, -1, 1, 1, -1, 1, -1, -1, 1, 1, 1, 1, 1, -1, 1, 1};

    @Test
    void matchesTheFormulaOfThePaperOnAWorkedExample() {
        boolean[] a = new boolean[ACTUAL.length], f = new boolean[ACTUAL.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = ACTUAL[i] > 0;
            f[i] = PREDICTED[i] > 0;
        }
        PesaranTimmermann.Result r = PesaranTimmermann.test(f, a);
        assertThat(r.n()).isEqualTo(24);
        assertThat(r.hitRate()).isCloseTo(20.0 / 24, within(1e-12));
        assertThat(r.expectedHitRate()).isCloseTo(0.5555555555555556, within(1e-12));
        assertThat(r.statistic()).isCloseTo(3.1277162108561214, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.0008808509607168835, within(1e-9));
    }

    @Test
    void pricesAreReadAsMovesFromTheLastCloseAndFlatBarsAreSkipped() {
        double[] anchor = new double[ACTUAL.length + 1], actual = new double[anchor.length], predicted = new double[anchor.length];
        for (int i = 0; i < ACTUAL.length; i++) {
            anchor[i] = 100;
            actual[i] = 100 + ACTUAL[i] * (1 + i % 3);
            predicted[i] = 100 + PREDICTED[i] * 0.5;
        }
        anchor[ACTUAL.length] = actual[ACTUAL.length] = 100; // no move: not a direction bar
        predicted[ACTUAL.length] = 101;
        PesaranTimmermann.Result r = PesaranTimmermann.test(predicted, actual, anchor);
        assertThat(r.n()).isEqualTo(24);
        assertThat(r.statistic()).isCloseTo(3.1277162108561214, within(1e-9));
    }

    @Test
    void aForecastThatAlwaysSaysUpIsNotTested() {
        boolean[] a = {true, true, false, true, true}, f = {true, true, true, true, true};
        PesaranTimmermann.Result r = PesaranTimmermann.test(f, a);
        assertThat(r.hitRate()).isCloseTo(0.8, within(1e-12));
        assertThat(r.tested()).isFalse();
        assertThat(r.words()).contains("always predicts the same direction");
    }

    @Test
    void aGuessThatFollowsTheBaseRateIsRarelyCalledSkilledWhileDirectionAccuracyLooksGood() {
        // the market rises on 70 % of bars and the guess says "up" 90 % of the time, independently of the market:
        // its direction accuracy is about 0.66, well above a half, yet PT should reject at about its 5 % level
        SplittableRandom rng = new SplittableRandom(7);
        int runs = 500, rejections = 0, n = 400;
        double meanHits = 0;
        for (int r = 0; r < runs; r++) {
            boolean[] a = new boolean[n], f = new boolean[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextDouble() < 0.7;
                f[i] = rng.nextDouble() < 0.9;
            }
            PesaranTimmermann.Result res = PesaranTimmermann.test(f, a);
            meanHits += res.hitRate() / runs;
            if (res.pValue() < 0.05) rejections++;
        }
        System.out.printf("PT on a base-rate guess: mean direction accuracy %.3f, rejected at 0.05 in %d of %d%n",
                meanHits, rejections, runs);
        assertThat(meanHits).isGreaterThan(0.63);
        assertThat(rejections).isLessThanOrEqualTo(runs * 8 / 100);
    }

    @Test
    void aForecastRightOnSixtyPercentOfBarsIsDetected() {
        SplittableRandom rng = new SplittableRandom(11);
        int runs = 200, detected = 0, n = 1000;
        for (int r = 0; r < runs; r++) {
            boolean[] a = new boolean[n], f = new boolean[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextBoolean();
                f[i] = rng.nextDouble() < 0.6 == a[i];
            }
            if (PesaranTimmermann.test(f, a).pValue() < 0.05) detected++;
        }
        assertThat(detected).isGreaterThanOrEqualTo(runs * 95 / 100);
    }
}
