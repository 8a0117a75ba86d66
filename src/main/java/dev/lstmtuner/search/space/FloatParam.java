package dev.lstmtuner.search.space;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;

import java.util.List;

/** A real number in [low, high], uniform or (log = true) uniform in log space. */
public record FloatParam(String name, double low, double high, boolean log, List<Condition> when) implements Param {
    public FloatParam {
        when = List.copyOf(when);
    }

    @Override
    public ParameterSpace<?> leaf() {
        return log
                ? new ContinuousParameterSpace(new LogUniformDistribution(low, high))
                : new ContinuousParameterSpace(low, high);
    }

    @Override
    public Object fromLeaf(Object raw) {
        // the log inverse CDF is off by a few ulps at the ends; grid points should read 1e-4, not 1.0000000000000009E-4
        double v = (Double) raw;
        if (Math.abs(v - low) <= 1e-12 * Math.abs(low)) return low;
        if (Math.abs(v - high) <= 1e-12 * Math.abs(high)) return high;
        return Math.min(high, Math.max(low, v));
    }

    @Override
    public double coordinateOf(Object value) {
        double v = ((Number) value).doubleValue();
        double u = log ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (v - low) / (high - low);
        return Math.min(1.0, Math.max(0.0, u));
    }

    /** x in the space a density is fitted in: log(value) for log params. */
    public double internal(double value) {
        return log ? Math.log(value) : value;
    }

    public double external(double x) {
        return Math.min(high, Math.max(low, log ? Math.exp(x) : x));
    }
}
