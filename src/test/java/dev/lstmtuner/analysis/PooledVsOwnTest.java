package dev.lstmtuner.analysis;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PooledVsOwnTest {
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "BNBUSDT"};
    private static final int N = 400;

    /** A random walk's test windows: persistence is the last close, {@code errorSd} the model's error size. */
    private record Walk(List<String> time, double[] last, double[] actual) {
        static Walk of(long seed, double level) {
            Random rnd = new Random(seed);
            List<String> time = new ArrayList<>();
            double[] last = new double[N], actual = new double[N];
            double price = level;
            for (int i = 0; i < N; i++) {
                time.add(Instant.ofEpochSecond(1_700_000_000L + 3600L * i).toString());
                last[i] = price;
                price *= Math.exp(0.01 * rnd.nextGaussian());
                actual[i] = price;
            }
            return new Walk(time, last, actual);
        }

        Predictions forecast(long seed, double errorSd) {
            Random rnd = new Random(seed);
            double[] p = new double[N];
            for (int i = 0; i < N; i++) p[i] = actual[i] + errorSd * last[i] * 0.01 * rnd.nextGaussian();
            return new Predictions(time, last, p, actual);
        }
    }

    private static PooledVsOwn.Comparison compare(double pooledSd, double ownSd) {
        List<PooledVsOwn.Side> sides = new ArrayList<>();
        for (int s = 0; s < SYMBOLS.length; s++) {
            Walk w = Walk.of(s, Math.pow(10, 4 - s));
            sides.add(new PooledVsOwn.Side(SYMBOLS[s], w.forecast(100 + s, pooledSd), "g-" + SYMBOLS[s],
                    Trials.complete(s + 1, 1, 1.0, null, null), w.forecast(200 + s, ownSd), 1));
        }
        return PooledVsOwn.compare("g", "g-pooled", "g-pooled/1", sides);
    }

    @Test
    void aPooledModelWithSmallerErrorsIsCalledBetterForEverySymbol() {
        PooledVsOwn.Comparison c = compare(0.3, 0.9);
        assertThat(c.rows()).hasSize(3).allSatisfy(r -> {
            assertThat(r.better()).isEqualTo("pooled");
            assertThat(r.pHolm()).isLessThan(0.05).isGreaterThanOrEqualTo(r.pValue());
            assertThat(r.statistic()).isNegative();
            assertThat(r.pooledRmse()).isLessThan(r.ownRmse());
            assertThat(r.verdict()).startsWith("one model for all forecasts " + r.symbol() + " better")
                    .contains("Holm-adjusted over 3 symbols");
            // errors a third of a bar's move: far better than persistence, on the same windows
            assertThat(r.pooledVerdictKind()).isEqualTo("beats");
            assertThat(r.n()).isEqualTo(N);
        });
        assertThat(c.summary()).contains("better for 3", "worse for 0");
    }

    @Test
    void ownModelsWithSmallerErrorsWinAndTheWordsSaySo() {
        PooledVsOwn.Comparison c = compare(0.9, 0.3);
        assertThat(c.rows()).allSatisfy(r -> {
            assertThat(r.better()).isEqualTo("own");
            assertThat(r.verdict()).startsWith(r.symbol() + "'s own model forecasts it better");
        });
        assertThat(c.summary()).contains("worse for 3");
    }

    @Test
    void equallyGoodModelsAreNoRealDifference() {
        PooledVsOwn.Comparison c = compare(0.6, 0.6);
        long different = c.rows().stream().filter(r -> r.better() != null).count();
        assertThat(different).isZero();
        assertThat(c.rows()).allSatisfy(r -> assertThat(r.verdict()).startsWith("no real difference between one model for all"));
        assertThat(c.summary()).contains("no real difference for 3");
    }

    @Test
    void aSymbolWithoutOwnPredictionsIsSaidAndLeftOutOfTheCorrection() {
        Walk w = Walk.of(1, 100);
        List<PooledVsOwn.Side> sides = List.of(
                new PooledVsOwn.Side("A", w.forecast(1, 0.3), "g-a", Trials.complete(1, 1, 1.0, null, null),
                        w.forecast(2, 0.9), 1),
                new PooledVsOwn.Side("B", w.forecast(3, 0.3), "g-b", null, null, 1));
        PooledVsOwn.Comparison c = PooledVsOwn.compare("g", "g-pooled", "g-pooled/1", sides);
        assertThat(c.rows().get(1).error()).contains("no COMPLETE own model for B");
        assertThat(c.rows().get(1).pooledVerdictKind()).isEqualTo("beats");
        // one symbol tested: its p-value is not adjusted
        assertThat(c.rows().get(0).pHolm()).isEqualTo(c.rows().get(0).pValue());
        assertThat(c.rows().get(0).verdict()).doesNotContain("Holm");
    }
}
