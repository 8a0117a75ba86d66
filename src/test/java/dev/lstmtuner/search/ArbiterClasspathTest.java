package dev.lstmtuner.search;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Arbiter beta7 sits beside DL4J M2.1 with four exclusions; this proves its spaces and generators still run. */
class ArbiterClasspathTest {
    @Test
    void arbiterGeneratorsRunBesideDl4jM21() {
        ParameterSpace<Integer> batch = new DiscreteParameterSpace<>(16, 32, 64);
        batch.setIndices(0);
        GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(batch, 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<Object> seen = new ArrayList<>();
        while (grid.hasMoreCandidates()) seen.add(grid.getCandidate().getValue());
        assertThat(seen).containsExactly(16, 32, 64);

        ParameterSpace<Double> lr = new ContinuousParameterSpace(0.1, 0.2);
        lr.setIndices(0);
        RandomSearchGenerator random = new RandomSearchGenerator(lr, null);
        random.setRngSeed(7);
        assertThat((Double) random.getCandidate().getValue()).isBetween(0.1, 0.2);
    }
}
