package dev.lstmtuner.search.space;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.List;
import java.util.Map;

/**
 * A {@link SearchSpace} seen by Arbiter: one leaf per parameter, values are the decoded params (conditions and
 * max_of applied), so Arbiter's grid and random generators can drive our spaces.
 */
final class ArbiterSpace implements ParameterSpace<Map<String, Object>> {
    private final SearchSpace space;
    private final List<ParameterSpace<?>> leaves;

    ArbiterSpace(SearchSpace space, List<ParameterSpace<?>> leaves) {
        this.space = space;
        this.leaves = leaves;
    }

    @Override
    public Map<String, Object> getValue(double[] input) {
        return space.decode(input);
    }

    @Override
    public int numParameters() {
        return leaves.size();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List<ParameterSpace> collectLeaves() {
        return (List) leaves;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Map.of();
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("not a leaf");
    }
}
