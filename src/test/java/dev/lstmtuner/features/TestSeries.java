package dev.lstmtuner.features;

import dev.lstmtuner.data.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds small 1-minute {@link Series} for tests, optionally with gaps in the time grid. */
public final class TestSeries {
    static final long MINUTE = 60_000L;
    /** 2024-01-01T00:00Z, a Monday. */
    static final long START = 1_704_067_200_000L;
    /** Bars missing at each gap. */
    static final long GAP_BARS = 5;

    private TestSeries() {
    }

    /** A series from explicit OHLCV arrays; a gap follows each bar index in {@code gapsAfter}. */
    static Series of(double[] open, double[] high, double[] low, double[] close, double[] volume, int... gapsAfter) {
        int n = close.length;
        long[] time = new long[n];
        List<Series.Gap> gaps = new ArrayList<>();
        long t = START;
        for (int i = 0; i < n; i++) {
            time[i] = t;
            t += MINUTE;
            for (int g : gapsAfter) {
                if (g == i) {
                    gaps.add(new Series.Gap(i, time[i], t + GAP_BARS * MINUTE, GAP_BARS));
                    t += GAP_BARS * MINUTE;
                }
            }
        }
        return new Series("test", MINUTE, time, open, high, low, close, volume, List.copyOf(gaps));
    }

    /** Bars whose open is the previous close, high/low 0.5 beyond the body, volume 100. */
    static Series closes(double... close) {
        int n = close.length;
        double[] open = new double[n], high = new double[n], low = new double[n], volume = new double[n];
        for (int i = 0; i < n; i++) {
            open[i] = i == 0 ? close[0] : close[i - 1];
            high[i] = Math.max(open[i], close[i]) + 0.5;
            low[i] = Math.min(open[i], close[i]) - 0.5;
            volume[i] = 100;
        }
        return of(open, high, low, close, volume);
    }

    /** A geometric random walk with random volume (fixed seed: reproducible). */
    public static Series randomWalk(int n, long seed, int... gapsAfter) {
        Random rnd = new Random(seed);
        double[] open = new double[n], high = new double[n], low = new double[n], close = new double[n],
                volume = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            open[i] = price;
            price *= Math.exp(0.01 * rnd.nextGaussian());
            close[i] = price;
            high[i] = Math.max(open[i], close[i]) * (1 + 0.005 * rnd.nextDouble());
            low[i] = Math.min(open[i], close[i]) * (1 - 0.005 * rnd.nextDouble());
            volume[i] = rnd.nextInt(10) == 0 ? 0 : 1000 * rnd.nextDouble();
        }
        return of(open, high, low, close, volume, gapsAfter);
    }

    /** A copy of {@code s} whose bars in {@code [from, to)} get different prices and volume. */
    static Series perturbed(Series s, int from, int to, long seed) {
        Random rnd = new Random(seed);
        double[] open = s.open().clone(), high = s.high().clone(), low = s.low().clone(), close = s.close().clone(),
                volume = s.volume().clone();
        for (int i = from; i < to; i++) {
            double f = Math.exp(0.05 * rnd.nextGaussian());
            open[i] *= f;
            close[i] *= f * Math.exp(0.02 * rnd.nextGaussian());
            high[i] = Math.max(open[i], close[i]) * 1.01;
            low[i] = Math.min(open[i], close[i]) * 0.99;
            volume[i] = volume[i] * 3 + 7;
        }
        return new Series(s.source(), s.intervalMs(), s.timeMs(), open, high, low, close, volume, s.gaps());
    }
}
