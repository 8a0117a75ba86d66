package dev.lstmtuner.data;

import java.util.List;

/**
 * An OHLCV price series, validated and in ascending time order. Arrays are parallel, one entry per bar;
 * {@code timeMs} is each bar's open time in epoch milliseconds (UTC). {@code gaps} lists the places where the
 * regular {@code intervalMs} grid is broken: a window must never cross one.
 * Arrays are owned by the series: never modify them.
 */
public record Series(String source, long intervalMs, long[] timeMs, double[] open, double[] high, double[] low,
                     double[] close, double[] volume, List<Gap> gaps) {

    public int size() {
        return close.length;
    }

    /** A break in the time grid between bar {@code beforeIndex} and bar {@code beforeIndex + 1}. */
    public record Gap(int beforeIndex, long lastTimeMs, long nextTimeMs, long missingBars) {
    }

    /** Index of the first bar of each contiguous segment: 0 plus (gap.beforeIndex + 1) for every gap. */
    public int[] segmentStarts() {
        int[] starts = new int[gaps.size() + 1];
        for (int i = 0; i < gaps.size(); i++) starts[i + 1] = gaps.get(i).beforeIndex() + 1;
        return starts;
    }
}
