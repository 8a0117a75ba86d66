package dev.lstmtuner.search.sampler;

import dev.lstmtuner.search.space.SearchSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GridSamplerTest {
    @Test
    void pointsAreNumberedAsArbitersGridWhereEveryCoordinateHasSeveralValues() {
        int[] counts = {2, 3, 4};
        for (int i = 0; i < 24; i++) {
            assertThat(GridSampler.coordinates(counts, i))
                    .containsExactly(GridSearchCandidateGenerator.indexToValues(counts, i, 24));
        }
    }

    @Test
    void aConditionalCategoricalWithOneValueIsOnTheGridWhereItsConditionHolds() {
        SearchSpace space = SearchSpace.parse("""
                {"params": {"model": {"type": "categorical", "values": ["lstm", "transformer"]},
                            "heads": {"type": "categorical", "values": [2], "when": "model == transformer"},
                            "dropout": {"type": "categorical", "values": [0.1, 0.2]}}}
                """, "one.json");
        List<Map<String, Object>> points = new GridSampler(3).points(space);
        assertThat(points).containsExactlyInAnyOrder(
                Map.of("model", "lstm", "dropout", 0.1), Map.of("model", "lstm", "dropout", 0.2),
                Map.of("model", "transformer", "heads", 2, "dropout", 0.1),
                Map.of("model", "transformer", "heads", 2, "dropout", 0.2));
    }
}
