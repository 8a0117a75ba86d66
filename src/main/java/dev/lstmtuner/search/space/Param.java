package dev.lstmtuner.search.space;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.List;

/**
 * One searched parameter. Every parameter owns one coordinate u in [0, 1] of the unit cube that samplers work in;
 * {@link #leaf()} is the Arbiter parameter space that maps u to a value.
 */
public sealed interface Param permits FloatParam, IntParam, CategoricalParam {
    String name();

    /** All must hold for the parameter to exist in a trial; empty = always present. */
    List<Condition> when();

    /** A fresh Arbiter leaf for this parameter (its index not yet set). */
    ParameterSpace<?> leaf();

    /** The leaf's value as this parameter hands it out. */
    default Object fromLeaf(Object raw) {
        return raw;
    }

    /** A coordinate that maps back to {@code value}; used to move trials into the unit cube. */
    double coordinateOf(Object value);
}
