package dev.lstmtuner.features;

import dev.lstmtuner.data.Series;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A {@link Series} mirrored as a ta4j bar series (DoubleNum, for speed), plus helpers to read indicators out. */
final class Bars {
    final Series series;
    final BarSeries ta;
    final ClosePriceIndicator close;

    Bars(Series series) {
        this.series = series;
        this.ta = new BaseBarSeriesBuilder().withName(series.source()).withNumTypeOf(DoubleNum.class).build();
        Duration period = Duration.ofMillis(series.intervalMs());
        for (int i = 0; i < series.size(); i++) {
            // ta4j keys bars by their END time; ours are open times.
            ZonedDateTime end = ZonedDateTime.ofInstant(Instant.ofEpochMilli(series.timeMs()[i] + series.intervalMs()),
                    ZoneOffset.UTC);
            ta.addBar(period, end, series.open()[i], series.high()[i], series.low()[i], series.close()[i],
                    series.volume()[i]);
        }
        this.close = new ClosePriceIndicator(ta);
    }

    int size() {
        return series.size();
    }

    /**
     * Reads an indicator bar by bar in ascending order (ta4j's recursive indicators must be filled from the start),
     * mapping each value through {@code f(value, bar)}. NaN from ta4j is passed through; {@code ifUndefined}
     * replaces it where a NaN can only mean a zero denominator (a flat window), e.g. %K over bars with high == low.
     */
    double[] read(Indicator<Num> ind, ValueMap f, double ifUndefined) {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            double v = ind.getValue(i).doubleValue();
            out[i] = Double.isNaN(v) ? ifUndefined : f.apply(v, i);
        }
        return out;
    }

    double[] read(Indicator<Num> ind, ValueMap f) {
        return read(ind, f, Double.NaN);
    }

    /** Divides by the bar's close: makes a price-valued indicator scale-free. */
    ValueMap perClose() {
        double[] c = series.close();
        return (v, i) -> v / c[i];
    }

    @FunctionalInterface
    interface ValueMap {
        double apply(double value, int bar);
    }
}
