package dev.lstmtuner.search.space;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One of a list of JSON values (numbers, strings, booleans, lists). {@code maxOf} names an earlier numeric
 * parameter that bounds this one from above (layer sizes that never grow with depth): only values <= it are allowed.
 */
public record CategoricalParam(String name, List<Object> values, List<Condition> when, String maxOf) implements Param {
    public CategoricalParam {
        values = Collections.unmodifiableList(new ArrayList<>(values));
        when = List.copyOf(when);
    }

    @Override
    public ParameterSpace<?> leaf() {
        return new DiscreteParameterSpace<>(values);
    }

    @Override
    public double coordinateOf(Object value) {
        return (indexOf(value) + 0.5) / values.size();
    }

    /** Index of a value; numbers compare by value so 64 (Integer) matches 64.0 (Double, e.g. from a store). */
    public int indexOf(Object value) {
        for (int i = 0; i < values.size(); i++) {
            if (same(values.get(i), value)) return i;
        }
        return -1;
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return Objects.equals(a, b);
    }
}
