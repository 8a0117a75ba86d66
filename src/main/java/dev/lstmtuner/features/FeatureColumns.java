package dev.lstmtuner.features;

import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.Num;

/**
 * The formula and warm-up of every feature. All are causal: the value at bar t reads bars {@code <= t} only.
 * Everything is scale-free (ratios to the close, or bounded oscillators) except {@code close} itself.
 * <p>
 * Scales: rsi, stoch_k, stoch_d in 0..1; williams_r in -1..0; cci and roc divided by 100 (roc is a fraction);
 * macd, macd_signal, macd_hist and atr divided by the close; bb_bandwidth is (upper - lower) / middle with 2 std.
 * Standard deviations are ta4j's (population, over n bars). Where a window is flat and a ratio has a zero
 * denominator the neutral value is used: %K, %D, %B 0.5; Williams %R -0.5; CCI and volume z-score 0.
 * {@code obv_change_<n>} (default n 20) is (OBV_t - OBV_{t-n}) / (volume summed over the same n bars), in -1..1:
 * the net share of recent volume traded on up bars; 0 when there was no volume.
 * <p>
 * Warm-up (leading bars a feature cannot fill): a look-back of n bars needs n - 1 earlier bars (n for differences
 * such as returns and ROC); exponential averages get 3 x their span (EMA, MACD 3 x 26, its signal 3 x 26 + 3 x 9);
 * Wilder's smoothing (RSI, ATR, alpha 1/n, slower) gets 5 x n. The seed's weight is then below 1%. A feature
 * never claims fewer bars than ta4j's own {@code getUnstableBars()} (ta4j counts n for an n-bar SMA).
 */
final class FeatureColumns {
    private static final int MACD_FAST = 12, MACD_SLOW = 26, MACD_SIGNAL = 9;
    private static final int EXP_FACTOR = 3, WILDER_FACTOR = 5;

    private FeatureColumns() {
    }

    static Column compute(FeatureSpec spec, Bars b) {
        double[] o = b.series.open(), h = b.series.high(), l = b.series.low(), c = b.series.close(),
                v = b.series.volume();
        long[] t = b.series.timeMs();
        int size = b.size();
        int n = spec.n();
        String name = spec.name();
        return switch (spec.kind()) {
            case "close" -> new Column(name, 0, c.clone());
            case "log_close" -> new Column(name, 0, map(size, i -> Math.log(c[i])));
            case "hl_range" -> new Column(name, 0, map(size, i -> (h[i] - l[i]) / c[i]));
            case "body" -> new Column(name, 0, map(size, i -> (c[i] - o[i]) / o[i]));
            case "log_return" -> new Column(name, n, logReturns(c, n));
            case "log_volume_change" -> new Column(name, 1,
                    map(size, i -> i < 1 ? Double.NaN : Math.log((v[i] + 1) / (v[i - 1] + 1))));
            case "volatility" -> {
                double[] r = logReturns(c, 1);
                r[0] = 0; // never used after warm-up; keeps ta4j's window sums finite
                var sd = new StandardDeviationIndicator(new ArrayIndicator(b.ta, r, 1), n);
                yield new Column(name, n, b.read(sd, (x, i) -> x));
            }
            case "sma_ratio" -> col(name, n - 1, new SMAIndicator(b.close, n), b, (x, i) -> c[i] / x - 1);
            case "ema_ratio" -> col(name, EXP_FACTOR * n, new EMAIndicator(b.close, n), b, (x, i) -> c[i] / x - 1);
            case "rsi" -> col(name, WILDER_FACTOR * n, new RSIIndicator(b.close, n), b, (x, i) -> x / 100);
            case "macd" -> col(name, EXP_FACTOR * MACD_SLOW, macd(b), b, b.perClose());
            case "macd_signal" -> col(name, EXP_FACTOR * (MACD_SLOW + MACD_SIGNAL),
                    macd(b).getSignalLine(MACD_SIGNAL), b, b.perClose());
            case "macd_hist" -> col(name, EXP_FACTOR * (MACD_SLOW + MACD_SIGNAL),
                    macd(b).getHistogram(MACD_SIGNAL), b, b.perClose());
            case "bb_percent_b" -> {
                var pb = new PercentBIndicator(b.close, n, 2.0);
                yield new Column(name, warm(n - 1, pb), b.read(pb, (x, i) -> x, 0.5));
            }
            case "bb_bandwidth" -> {
                var middle = new BollingerBandsMiddleIndicator(new SMAIndicator(b.close, n));
                var sd = new StandardDeviationIndicator(b.close, n);
                Num k = b.ta.numOf(2);
                var width = new BollingerBandWidthIndicator(new BollingerBandsUpperIndicator(middle, sd, k), middle,
                        new BollingerBandsLowerIndicator(middle, sd, k));
                yield col(name, n - 1, width, b, (x, i) -> x / 100);
            }
            case "atr" -> col(name, WILDER_FACTOR * n, new ATRIndicator(b.ta, n), b, b.perClose());
            case "stoch_k" -> stochK(name, b, n);
            case "stoch_d" -> {
                // %D = 3-bar SMA of %K (ta4j's StochasticOscillatorDIndicator(Indicator) expects it pre-smoothed).
                Column k = stochK(name, b, n);
                var d = new SMAIndicator(new ArrayIndicator(b.ta, k.values(), k.warmup()), 3);
                yield new Column(name, k.warmup() + 2, b.read(d, (x, i) -> x));
            }
            case "obv_change" -> {
                double[] obv = b.read(new OnBalanceVolumeIndicator(b.ta), (x, i) -> x);
                double[] volSum = b.read(new VolumeIndicator(b.ta, n), (x, i) -> x);
                yield new Column(name, n, map(size, i -> i < n ? Double.NaN
                        : volSum[i] > 0 ? (obv[i] - obv[i - n]) / volSum[i] : 0));
            }
            case "cci" -> {
                var cci = new CCIIndicator(b.ta, n);
                yield new Column(name, warm(n - 1, cci), b.read(cci, (x, i) -> x / 100, 0));
            }
            case "williams_r" -> {
                // %R = (HH - C) / (HH - LL) x -1, which is %K - 1.
                Column k = stochK(name, b, n);
                yield new Column(name, k.warmup(), map(size, i -> k.values()[i] - 1));
            }
            case "roc" -> col(name, n, new ROCIndicator(b.close, n), b, (x, i) -> x / 100);
            case "volume_z" -> {
                var volume = new VolumeIndicator(b.ta);
                double[] mean = b.read(new SMAIndicator(volume, n), (x, i) -> x);
                double[] sd = b.read(new StandardDeviationIndicator(volume, n), (x, i) -> x);
                // A flat window leaves rounding noise in the std: treat it as zero spread.
                yield new Column(name, n - 1, map(size, i ->
                        sd[i] > 1e-9 * Math.max(1, Math.abs(mean[i])) ? (v[i] - mean[i]) / sd[i] : 0));
            }
            case "hour_sin" -> new Column(name, 0, map(size, i -> Math.sin(2 * Math.PI * hourOfDay(t[i]) / 24)));
            case "hour_cos" -> new Column(name, 0, map(size, i -> Math.cos(2 * Math.PI * hourOfDay(t[i]) / 24)));
            case "dow_sin" -> new Column(name, 0, map(size, i -> Math.sin(2 * Math.PI * dayOfWeek(t[i]) / 7)));
            case "dow_cos" -> new Column(name, 0, map(size, i -> Math.cos(2 * Math.PI * dayOfWeek(t[i]) / 7)));
            default -> throw new IllegalStateException("no formula for parsed feature kind " + spec.kind());
        };
    }

    /** UTC time of day in hours, fractional (06:30 is 6.5), so minute bars move smoothly round the clock. */
    static double hourOfDay(long timeMs) {
        return Math.floorMod(timeMs, 86_400_000L) / 3_600_000.0;
    }

    /** UTC day of week, Monday 0 .. Sunday 6 (1970-01-01 was a Thursday). */
    static int dayOfWeek(long timeMs) {
        return (int) Math.floorMod(Math.floorDiv(timeMs, 86_400_000L) + 3, 7L);
    }

    private static MACDIndicator macd(Bars b) {
        return new MACDIndicator(b.close, MACD_FAST, MACD_SLOW);
    }

    /**
     * %K = (C - LL) / (HH - LL) over n bars, from ta4j's rolling extremes. Not ta4j's StochasticOscillatorK or
     * WilliamsR indicators: in 0.17 they build new helper indicators at every bar, which is quadratic (4 s for 32k
     * bars). A flat window (HH == LL) gives the neutral 0.5.
     */
    private static Column stochK(String name, Bars b, int n) {
        var hh = new HighestValueIndicator(new HighPriceIndicator(b.ta), n);
        var ll = new LowestValueIndicator(new LowPriceIndicator(b.ta), n);
        double[] high = b.read(hh, (x, i) -> x), low = b.read(ll, (x, i) -> x), c = b.series.close();
        double[] k = map(b.size(), i -> high[i] > low[i] ? (c[i] - low[i]) / (high[i] - low[i]) : 0.5);
        return new Column(name, Math.max(warm(n - 1, hh), warm(n - 1, ll)), k);
    }

    private static double[] logReturns(double[] c, int k) {
        return map(c.length, i -> i < k ? Double.NaN : Math.log(c[i] / c[i - k]));
    }

    private static Column col(String name, int warmup, Indicator<Num> ind, Bars b, Bars.ValueMap f) {
        return new Column(name, warm(warmup, ind), b.read(ind, f));
    }

    /** Never trust a bar that ta4j itself reports as unstable. */
    private static int warm(int rule, Indicator<Num> ind) {
        return Math.max(rule, ind.getUnstableBars());
    }

    private static double[] map(int size, java.util.function.IntToDoubleFunction f) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = f.applyAsDouble(i);
        return out;
    }
}
