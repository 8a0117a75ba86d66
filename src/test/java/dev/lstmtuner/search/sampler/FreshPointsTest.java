package dev.lstmtuner.search.sampler;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreshPointsTest {
    /** 4 * 4 * 4 * 2 * 2 = 256 points. */
    private static final SearchSpace FINITE = SearchSpace.parse("""
            {"params": {
              "dense_units": {"type": "categorical", "values": [8, 16, 32, 64]},
              "time_steps": {"type": "int", "low": 10, "high": 40, "step": 10},
              "batch_size": {"type": "categorical", "values": [16, 32, 64, 128]},
              "bidirectional": {"type": "bool"},
              "scaler": {"type": "categorical", "values": ["standard", "minmax"]}
            }}""", "finite.json");

    /** 3 * 2 = 6 points. */
    private static final SearchSpace TINY = SearchSpace.parse("""
            {"params": {
              "dense_units": {"type": "categorical", "values": [8, 16, 32]},
              "bidirectional": {"type": "bool"}
            }}""", "tiny.json");

    private static double objective(Map<String, Object> p) {
        return ((Number) p.get("dense_units")).doubleValue() + (Boolean.TRUE.equals(p.get("bidirectional")) ? 5 : 0);
    }

    private static List<Sampler> samplers() {
        return List.of(new TpeSampler(5, 0.25, 24, Direction.MINIMIZE), new RandomSampler(),
                new GeneticSampler(5, 0.1, 0.85, Direction.MINIMIZE));
    }

    @Test
    void noSamplerRepeatsAPointIn200DrawsOfAFiniteSpace() {
        for (Sampler s : samplers()) {
            List<PastTrial> past = new ArrayList<>();
            Set<Map<String, Object>> seen = new HashSet<>();
            for (int k = 1; k <= 200; k++) {
                Map<String, Object> p = s.sample(FINITE, past, 3, k).orElseThrow();
                assertThat(seen.add(Points.key(p))).as("%s draw %d repeats %s", s.name(), k, p).isTrue();
                // every third trial stays pending, the rest finish: both kinds count as taken
                TrialState state = k % 3 == 0 ? TrialState.RUNNING : k % 3 == 1 ? TrialState.COMPLETE : TrialState.PRUNED;
                past.add(new PastTrial(k, p, state, state == TrialState.COMPLETE ? objective(p) : null,
                        state == TrialState.PRUNED ? new double[]{objective(p)} : new double[0]));
            }
        }
    }

    @Test
    void anExhaustedFiniteSpaceGivesNoPoint() {
        for (Sampler s : samplers()) {
            List<PastTrial> past = new ArrayList<>();
            for (int k = 1; k <= 6; k++) {
                Map<String, Object> p = s.sample(TINY, past, 11, k).orElseThrow();
                past.add(new PastTrial(k, p, TrialState.COMPLETE, objective(p), new double[0]));
            }
            assertThat(past.stream().map(t -> Points.key(t.params())).distinct()).hasSize(6);
            assertThat(s.sample(TINY, past, 11, 7)).as(s.name()).isEqualTo(Optional.empty());
        }
    }

    @Test
    void cheapStartupKeepsTheFirstTrialsOutOfTheMostExpensiveCorner() throws Exception {
        SearchSpace tutorial = SearchSpace.load(Path.of("search-spaces/tutorial.json"));
        TpeSampler random = new TpeSampler(10, 0.25, 24, 1, Direction.MINIMIZE);
        TpeSampler cheap = new TpeSampler(10, 0.25, 24, 3, Direction.MINIMIZE);
        double randomCost = 0, cheapCost = 0;
        int randomCorner = 0, cheapCorner = 0;
        for (int k = 1; k <= 200; k++) {
            Map<String, Object> r = random.sample(tutorial, List.of(), 5, k).orElseThrow();
            Map<String, Object> c = cheap.sample(tutorial, List.of(), 5, k).orElseThrow();
            assertThat(r).isEqualTo(new RandomSampler().sample(tutorial, List.of(), 5, k).orElseThrow());
            randomCost += CostModel.epochCost(tutorial.toConfigOverrides(r));
            cheapCost += CostModel.epochCost(tutorial.toConfigOverrides(c));
            if (expensive(tutorial, r)) randomCorner++;
            if (expensive(tutorial, c)) cheapCorner++;
        }
        assertThat(cheapCost).isLessThan(0.5 * randomCost);
        assertThat(cheapCorner).isLessThan(randomCorner / 3);
    }

    /** The costliest tenth of the tutorial space by the cost model: long windows with a wide first layer. */
    private static boolean expensive(SearchSpace space, Map<String, Object> p) {
        return ((Number) p.get("time_steps")).intValue() >= 90 && ((Number) p.get("units_1")).intValue() >= 128;
    }

    @Test
    void costModelRanksWiderLongerAndSmallerBatchesAsDearer() {
        assertThat(CostModel.epochCost(Map.of("units", List.of(256, 128), "time_steps", 120, "batch_size", 64)))
                .isGreaterThan(CostModel.epochCost(Map.of("units", List.of(32, 32), "time_steps", 120, "batch_size", 64)));
        assertThat(CostModel.epochCost(Map.of("units", List.of(32), "time_steps", 120)))
                .isGreaterThan(CostModel.epochCost(Map.of("units", List.of(32), "time_steps", 30)));
        assertThat(CostModel.epochCost(Map.of("units", List.of(32, 32, 32), "batch_size", 16)))
                .isGreaterThan(CostModel.epochCost(Map.of("units", List.of(32, 32, 32), "batch_size", 128)));
        assertThat(CostModel.epochCost(Map.of("units", List.of(64), "bidirectional", true)))
                .isGreaterThan(CostModel.epochCost(Map.of("units", List.of(64), "bidirectional", false)));
    }
}
