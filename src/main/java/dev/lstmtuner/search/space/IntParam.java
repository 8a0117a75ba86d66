package dev.lstmtuner.search.space;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

import java.util.ArrayList;
import java.util.List;

/** An integer low, low + step, ..., up to high. */
public record IntParam(String name, int low, int high, int step, List<Condition> when) implements Param {
    public IntParam {
        when = List.copyOf(when);
    }

    public List<Integer> values() {
        List<Integer> v = new ArrayList<>();
        for (long x = low; x <= high; x += step) v.add((int) x);
        return v;
    }

    @Override
    public ParameterSpace<?> leaf() {
        // Arbiter's integer space has no step; a stepped range is a discrete space over its values
        return step == 1 ? new IntegerParameterSpace(low, high) : new DiscreteParameterSpace<>(values());
    }

    @Override
    public double coordinateOf(Object value) {
        int n = values().size();
        int i = (int) Math.round((((Number) value).doubleValue() - low) / step);
        return (Math.min(n - 1, Math.max(0, i)) + 0.5) / n;
    }

    /** The nearest allowed value to a real number. */
    public int snap(double x) {
        long n = (high - (long) low) / step + 1;
        long i = Math.min(n - 1, Math.max(0, Math.round((x - low) / step)));
        return (int) (low + i * step);
    }
}
