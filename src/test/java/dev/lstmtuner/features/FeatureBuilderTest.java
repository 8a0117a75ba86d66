package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureBuilderTest {
    private static final double EPS = 1e-12;

    /** Every kind at least once, beyond the defaults. */
    private static final List<String> EXTRA = List.of("log_return_3", "stoch_d_14", "cci_20", "williams_r_14",
            "roc_10", "obv_change_10", "hour_sin", "hour_cos", "dow_sin", "dow_cos", "close", "log_close",
            "rsi_7", "atr_5", "ema_ratio_50", "bb_percent_b_10", "volume_z_5", "volatility_5");

    private static List<String> allFeatures() {
        List<String> names = new ArrayList<>(RunConfig.DEFAULT_FEATURES);
        names.addAll(EXTRA);
        return names;
    }

    @Test
    void logReturnsAreLogRatiosOfClosesKBarsApart() {
        double[] c = {100, 101, 99, 102, 103, 101};
        FeatureMatrix fm = FeatureBuilder.build(TestSeries.closes(c), List.of("log_return_1", "log_return_2"));
        assertThat(fm.firstRow()).isEqualTo(2);
        assertThat(fm.rows()).isEqualTo(4);
        for (int i = 2; i < c.length; i++) {
            assertThat(fm.values()[i - 2][0]).isCloseTo(Math.log(c[i] / c[i - 1]), within(EPS));
            assertThat(fm.values()[i - 2][1]).isCloseTo(Math.log(c[i] / c[i - 2]), within(EPS));
        }
    }

    @Test
    void smaRatioIsCloseOverTheMeanOfTheLastNClosesMinusOne() {
        double[] c = {10, 11, 13, 12, 15};
        FeatureMatrix fm = FeatureBuilder.build(TestSeries.closes(c), List.of("sma_ratio_3"));
        assertThat(fm.firstRow()).isEqualTo(3); // ta4j counts n unstable bars for an n-bar SMA; we never use fewer
        assertThat(fm.values()[0][0]).isCloseTo(12 / ((11 + 13 + 12) / 3.0) - 1, within(EPS));
        assertThat(fm.values()[1][0]).isCloseTo(15 / ((13 + 12 + 15) / 3.0) - 1, within(EPS));
    }

    @Test
    void hlRangeAndBodyAreRelativeToCloseAndOpen() {
        Series s = TestSeries.of(new double[]{100, 200}, new double[]{110, 210}, new double[]{95, 190},
                new double[]{105, 195}, new double[]{1, 2});
        FeatureMatrix fm = FeatureBuilder.build(s, List.of("hl_range", "body"));
        assertThat(fm.firstRow()).isZero();
        assertThat(fm.values()[0][0]).isCloseTo((110 - 95) / 105.0, within(EPS));
        assertThat(fm.values()[0][1]).isCloseTo((105 - 100) / 100.0, within(EPS));
        assertThat(fm.values()[1][0]).isCloseTo((210 - 190) / 195.0, within(EPS));
        assertThat(fm.values()[1][1]).isCloseTo((195 - 200) / 200.0, within(EPS));
    }

    @Test
    void rsiFollowsWildersSmoothingScaledToZeroOne() {
        double[] c = {44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61,
                46.28, 46.28, 46.00, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25};
        int n = 3;
        FeatureMatrix fm = FeatureBuilder.build(TestSeries.closes(c), List.of("rsi_3"));
        assertThat(fm.firstRow()).isEqualTo(5 * n);
        // Wilder's running averages of gains and losses, seeded with bar 0's (zero) change.
        double gain = 0, loss = 0;
        for (int i = 1; i < c.length; i++) {
            double d = c[i] - c[i - 1];
            gain += (Math.max(d, 0) - gain) / n;
            loss += (Math.max(-d, 0) - loss) / n;
            if (i >= fm.firstRow()) {
                double rsi = 1 - 1 / (1 + gain / loss);
                assertThat(fm.values()[i - fm.firstRow()][0]).as("rsi at bar %d", i).isCloseTo(rsi, within(1e-9));
            }
        }
    }

    @Test
    void stochasticKDAndWilliamsRPlaceTheCloseInTheRangeOfTheLastNBars() {
        double[] high = {10, 12, 11, 13, 12, 14}, low = {8, 9, 7, 10, 9, 11}, close = {9, 11, 8, 12, 10, 12};
        Series s = TestSeries.of(close, high, low, close, new double[]{1, 1, 1, 1, 1, 1});
        FeatureMatrix fm = FeatureBuilder.build(s, List.of("stoch_k_3", "williams_r_3", "stoch_d_3"));
        int first = fm.firstRow();
        assertThat(first).isBetween(4, 5); // %D needs %K's warm-up plus 2 bars
        double[] k = new double[close.length];
        for (int i = 2; i < close.length; i++) {
            double hh = Math.max(high[i], Math.max(high[i - 1], high[i - 2]));
            double ll = Math.min(low[i], Math.min(low[i - 1], low[i - 2]));
            k[i] = (close[i] - ll) / (hh - ll);
        }
        for (int i = first; i < close.length; i++) {
            double[] row = fm.values()[i - first];
            assertThat(row[0]).as("%%K at bar %d", i).isCloseTo(k[i], within(EPS));
            assertThat(row[1]).as("%%R at bar %d", i).isCloseTo(k[i] - 1, within(EPS));
            assertThat(row[2]).as("%%D at bar %d", i).isCloseTo((k[i] + k[i - 1] + k[i - 2]) / 3, within(EPS));
        }
    }

    @Test
    void rocIsTheFractionalChangeAndObvChangeTheNetUpVolumeShare() {
        double[] c = {10, 11, 10.5, 12, 12, 11};
        double[] v = {5, 10, 20, 30, 40, 50};
        Series s = TestSeries.of(c, c, c, c, v);
        FeatureMatrix fm = FeatureBuilder.build(s, List.of("roc_2", "obv_change_3"));
        assertThat(fm.firstRow()).isEqualTo(3);
        // bar 3: up 10, down 20, up 30 over bars 1..3
        assertThat(fm.values()[0][0]).isCloseTo(12 / 11.0 - 1, within(EPS));
        assertThat(fm.values()[0][1]).isCloseTo((10 - 20 + 30) / 60.0, within(EPS));
        // bar 5: bars 3..5 are up 30, flat 40, down 50
        assertThat(fm.values()[2][0]).isCloseTo(11 / 12.0 - 1, within(EPS));
        assertThat(fm.values()[2][1]).isCloseTo((30 + 0 - 50) / 120.0, within(EPS));
    }

    @Test
    void macdAndAtrAreDividedByTheClose() {
        Series s = TestSeries.randomWalk(300, 5);
        Series doubled = new Series("x2", s.intervalMs(), s.timeMs(), scale(s.open()), scale(s.high()),
                scale(s.low()), scale(s.close()), s.volume(), s.gaps());
        List<String> names = List.of("macd", "macd_signal", "macd_hist", "atr_14", "bb_bandwidth_20", "cci_20");
        FeatureMatrix a = FeatureBuilder.build(s, names), b = FeatureBuilder.build(doubled, names);
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < names.size(); j++) {
                assertThat(b.values()[i][j]).as(names.get(j)).isCloseTo(a.values()[i][j], within(1e-9));
            }
            assertThat(a.values()[i][2]).isCloseTo(a.values()[i][0] - a.values()[i][1], within(1e-12));
        }
    }

    private static double[] scale(double[] x) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) out[i] *= 1000;
        return out;
    }

    @Test
    void volumeZScoreUsesTheLastNVolumesIncludingTheCurrentOne() {
        double[] v = {10, 20, 60, 30, 0, 90};
        double[] c = {1, 1, 1, 1, 1, 1};
        Series s = TestSeries.of(c, c, c, c, v);
        FeatureMatrix fm = FeatureBuilder.build(s, List.of("volume_z_3"));
        assertThat(fm.firstRow()).isEqualTo(2);
        for (int i = 2; i < v.length; i++) {
            double mean = (v[i] + v[i - 1] + v[i - 2]) / 3;
            double var = (Math.pow(v[i] - mean, 2) + Math.pow(v[i - 1] - mean, 2) + Math.pow(v[i - 2] - mean, 2)) / 3;
            assertThat(fm.values()[i - 2][0]).as("bar %d", i).isCloseTo((v[i] - mean) / Math.sqrt(var), within(1e-9));
        }
    }

    @Test
    void calendarFeaturesUseTheBarsUtcOpenTime() {
        // Bar k opens k minutes after Monday 2024-01-01 00:00Z; bar 360 opens at 06:00.
        double[] c = new double[361];
        java.util.Arrays.fill(c, 1);
        FeatureMatrix fm = FeatureBuilder.build(TestSeries.closes(c), List.of("hour_sin", "hour_cos", "dow_sin",
                "dow_cos"));
        double[] at6 = fm.values()[360];
        assertThat(at6[0]).isCloseTo(1, within(EPS));
        assertThat(at6[1]).isCloseTo(0, within(EPS));
        assertThat(at6[2]).isCloseTo(0, within(EPS)); // Monday = day 0
        assertThat(at6[3]).isCloseTo(1, within(EPS));
        assertThat(fm.values()[0][0]).isCloseTo(0, within(EPS));
        assertThat(fm.values()[0][1]).isCloseTo(1, within(EPS));
    }

    @Test
    void logVolumeChangeIsFiniteWhenVolumeIsZero() {
        double[] c = {1, 1, 1};
        FeatureMatrix fm = FeatureBuilder.build(TestSeries.of(c, c, c, c, new double[]{0, 0, 9}),
                List.of("log_volume_change"));
        assertThat(fm.firstRow()).isEqualTo(1);
        assertThat(fm.values()[0][0]).isEqualTo(0.0);
        assertThat(fm.values()[1][0]).isCloseTo(Math.log(10), within(EPS));
    }

    @Test
    void defaultFeaturesAreAllFiniteAfterWarmup() {
        FeatureMatrix fm = FeatureBuilder.build(TestSeries.randomWalk(600, 7), RunConfig.DEFAULT_FEATURES);
        assertThat(fm.names()).isEqualTo(RunConfig.DEFAULT_FEATURES);
        assertThat(fm.width()).isEqualTo(20);
        assertThat(fm.firstRow()).isEqualTo(105); // macd_signal / macd_hist: 3 x (26 + 9)
        assertThat(fm.rows()).isEqualTo(600 - 105);
        for (double[] row : fm.values()) assertThat(java.util.Arrays.stream(row).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void flatMarketWithoutVolumeGivesNeutralFiniteValues() {
        int n = 300;
        double[] p = new double[n], v = new double[n];
        java.util.Arrays.fill(p, 50);
        FeatureMatrix fm = FeatureBuilder.build(TestSeries.of(p, p, p, p, v), allFeatures());
        for (double[] row : fm.values()) assertThat(java.util.Arrays.stream(row).allMatch(Double::isFinite)).isTrue();
        int k = fm.names().indexOf("stoch_k_14");
        assertThat(fm.values()[0][k]).isEqualTo(0.5);
        assertThat(fm.values()[0][fm.names().indexOf("obv_change")]).isEqualTo(0.0);
        assertThat(fm.values()[0][fm.names().indexOf("volume_z_20")]).isEqualTo(0.0);
    }

    @Test
    void noFeatureRowReadsBarsAfterIt() {
        Series base = TestSeries.randomWalk(600, 11);
        List<String> names = allFeatures();
        FeatureMatrix a = FeatureBuilder.build(base, names);
        for (int t : new int[]{200, 350, 598}) {
            FeatureMatrix b = FeatureBuilder.build(TestSeries.perturbed(base, t + 1, base.size(), t), names);
            assertThat(b.firstRow()).isEqualTo(a.firstRow());
            for (int bar = a.firstRow(); bar <= t; bar++) {
                assertThat(b.values()[bar - b.firstRow()]).as("row of bar %d, changed after %d", bar, t)
                        .isEqualTo(a.values()[bar - a.firstRow()]);
            }
            // The change must be visible at t + 1, or the test proves nothing.
            assertThat(b.values()[t + 1 - b.firstRow()]).isNotEqualTo(a.values()[t + 1 - a.firstRow()]);
        }
    }

    @Test
    void unknownFeatureIsRefusedNamingItAndListingKnownNames() {
        Series s = TestSeries.randomWalk(50, 1);
        assertThatThrownBy(() -> FeatureBuilder.build(s, List.of("log_return_1", "rsii_14")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"rsii_14\"")
                .hasMessageContaining("rsi_<n>")
                .hasMessageContaining("hl_range");
        assertThatThrownBy(() -> FeatureBuilder.build(s, List.of("sma_ratio")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("sma_ratio_14");
        assertThatThrownBy(() -> FeatureBuilder.build(s, List.of("volatility_1")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("volatility_1");
        assertThatThrownBy(() -> FeatureBuilder.checkNames(List.of("body", "body")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"body\" is listed twice");
        FeatureBuilder.checkNames(allFeatures());
    }

    @Test
    void warmupLongerThanTheSeriesIsRefused() {
        assertThatThrownBy(() -> FeatureBuilder.build(TestSeries.randomWalk(50, 1), List.of("ema_ratio_30")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("90 warm-up bars")
                .hasMessageContaining("only 50");
    }

    @Test
    void nonFiniteValueAfterWarmupNamesTheFeatureAndTheBarsTime() {
        double[] c = {1, 2, 0, 3};
        assertThatThrownBy(() -> FeatureBuilder.build(TestSeries.closes(c), List.of("log_return_1")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("log_return_1")
                .hasMessageContaining("bar 2")
                .hasMessageContaining("2024-01-01T00:02:00Z");
    }
}
