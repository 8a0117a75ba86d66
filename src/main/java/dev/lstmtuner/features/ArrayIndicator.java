package dev.lstmtuner.features;

import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.AbstractIndicator;
import org.ta4j.core.num.Num;

/** A ta4j indicator over precomputed values, so plain-Java inputs (log returns, OBV) can feed ta4j indicators. */
final class ArrayIndicator extends AbstractIndicator<Num> {
    private final double[] values;
    private final int unstableBars;

    ArrayIndicator(BarSeries series, double[] values, int unstableBars) {
        super(series);
        this.values = values;
        this.unstableBars = unstableBars;
    }

    @Override
    public Num getValue(int index) {
        return numOf(values[index]);
    }

    @Override
    public int getUnstableBars() {
        return unstableBars;
    }
}
