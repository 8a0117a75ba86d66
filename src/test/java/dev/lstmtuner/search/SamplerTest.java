package dev.lstmtuner.search;

import java.util.LinkedHashSet;
import org.assertj.core.data.Offset;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.sampler.GridSampler;
import dev.lstmtuner.search.sampler.RandomSampler;
import dev.lstmtuner.search.sampler.Sampler;
import dev.lstmtuner.search.sampler.Samplers;
import dev.lstmtuner.search.sampler.TpeSampler;
import dev.lstmtuner.search.space.SearchSpace;

import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplerTest {
    private static final SearchSpace SMALL = SearchSpace.parse("""
            {"params": {
              "learning_rate": {"type": "float", "low": 1e-4, "high": 1e-2, "log": true},
              "layers": {"type": "int", "low": 1, "high": 2},
              "units_1": {"type": "categorical", "values": [16, 32]},
              "units_2": {"type": "categorical", "values": [16, 32], "max_of": "units_1"},
              "bidirectional": {"type": "bool"}
            }}""", "small.json");

    /** Four floats, one on a log scale; the optimum is inside, away from the centre the priors favour. */
    private static final SearchSpace FOUR_D = SearchSpace.parse("""
            {"params": {
              "dropout": {"type": "float", "low": 0.0, "high": 0.8},
              "l2": {"type": "float", "low": 0.0, "high": 1.0},
              "clip_norm": {"type": "float", "low": 0.0, "high": 10.0},
              "learning_rate": {"type": "float", "low": 1e-5, "high": 1e-1, "log": true}
            }}""", "four.json");

    private static double quadratic(Map<String, Object> p) {
        double a = ((Double) p.get("dropout") - 0.6) / 0.8;
        double b = ((Double) p.get("l2") - 0.25);
        double c = ((Double) p.get("clip_norm") - 7.0) / 10.0;
        double d = (Math.log10((Double) p.get("learning_rate")) + 2.0) / 4.0;
        return a * a + b * b + c * c + d * d;
    }

    private static PastTrial complete(int number, Map<String, Object> params, double objective) {
        return new PastTrial(number, params, TrialState.COMPLETE, objective, new double[0]);
    }

    /** Runs a sequential campaign and returns the best objective seen. */
    private static double bestAfter(Sampler sampler, SearchSpace space, ToDoubleFunction<Map<String, Object>> f,
                                    long seed, int budget) {
        return bestAfter(sampler, space, f, seed, budget, Direction.MINIMIZE);
    }

    private static double bestAfter(Sampler sampler, SearchSpace space, ToDoubleFunction<Map<String, Object>> f,
                                    long seed, int budget, Direction direction) {
        List<PastTrial> past = new ArrayList<>();
        double best = Double.NaN;
        for (int k = 0; k < budget; k++) {
            Map<String, Object> p = sampler.sample(space, past, seed, k).orElseThrow();
            double y = f.applyAsDouble(p);
            if (direction.isBetter(y, best)) best = y;
            past.add(complete(k, p, y));
        }
        return best;
    }

    @Test
    void gridCoversEveryPointExactlyOnce() {
        Sampler grid = new GridSampler(3);
        List<PastTrial> past = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        Set<Object> rates = new HashSet<>();
        for (int k = 0; k < 100; k++) {
            Optional<Map<String, Object>> p = grid.sample(SMALL, past, 0, k);
            if (p.isEmpty()) break;
            assertThat(seen.add(p.get())).as("point %s handed out twice", p.get()).isTrue();
            rates.add(p.get().get("learning_rate"));
            // half the trials stay pending: a pending point must not be handed out again either
            TrialState state = k % 2 == 0 ? TrialState.RUNNING : TrialState.COMPLETE;
            past.add(new PastTrial(k, p.get(), state, state == TrialState.COMPLETE ? 1.0 : null, new double[0]));
        }
        // 3 learning rates x 2 directions x (2 one-layer nets + 3 two-layer nets with units_2 <= units_1)
        assertThat(seen).hasSize(30);
        assertThat(rates).hasSize(3);
        assertThat(rates.stream().mapToDouble(r -> Math.log10((Double) r)).sorted().toArray())
                .containsExactly(new double[]{-4, -3, -2}, Offset.offset(1e-9));
        assertThat(grid.sample(SMALL, past, 0, 30)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void gridFollowsArbitersGridOrder() {
        GridSearchCandidateGenerator arbiter = new GridSearchCandidateGenerator(SMALL.asArbiterSpace(), 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        Set<Map<String, Object>> fromArbiter = new LinkedHashSet<>();
        while (arbiter.hasMoreCandidates()) fromArbiter.add((Map<String, Object>) arbiter.getCandidate().getValue());
        assertThat(new GridSampler(3).points(SMALL)).containsExactlyElementsOf(fromArbiter);
    }

    @Test
    void gridIsTheSameForEverySeed() {
        Sampler grid = new GridSampler(3);
        assertThat(grid.sample(SMALL, List.of(), 1, 0)).isEqualTo(grid.sample(SMALL, List.of(), 99, 5));
    }

    @Test
    void gridOverTheTutorialSpaceIsFinite() {
        List<Map<String, Object>> points = new GridSampler(3).points(SearchSpace.load(Path.of("search-spaces/tutorial.json")));
        // 3 lr x 3 dropout x 4 batch x 4 windows x 2 directions x non-growing unit stacks (2 layers: 10, 3: 20, 4: 35)
        assertThat(points).hasSize(3 * 3 * 4 * 4 * 2 * (10 + 20 + 35));
        assertThat(new HashSet<>(points)).hasSameSizeAs(points);
    }

    @Test
    void randomSamplerIsReproducibleBySeed() {
        Sampler random = new RandomSampler();
        List<PastTrial> past = List.of(complete(0, Map.of("learning_rate", 0.001, "layers", 1, "units_1", 16,
                "bidirectional", false), 1.0));
        for (int k = 0; k < 20; k++) {
            assertThat(random.sample(SMALL, past, 42, k)).isEqualTo(random.sample(SMALL, past, 42, k));
        }
        assertThat(random.sample(FOUR_D, past, 42, 3)).isNotEqualTo(random.sample(FOUR_D, past, 43, 3));
        assertThat(random.sample(FOUR_D, past, 42, 3)).isNotEqualTo(random.sample(FOUR_D, past, 42, 4));
    }

    @Test
    void randomSamplerIsLogUniformOnLogFloats() {
        Sampler random = new RandomSampler();
        int low = 0, n = 2000;
        for (int k = 0; k < n; k++) {
            double lr = (Double) random.sample(FOUR_D, List.of(), 7, k).orElseThrow().get("learning_rate");
            assertThat(lr).isBetween(1e-5, 1e-1);
            if (lr < 1e-3) low++;
        }
        assertThat(low / (double) n).isBetween(0.45, 0.55); // half the decades lie below 1e-3
    }

    @Test
    void tpeBeatsRandomOnAQuadratic() {
        int seeds = 20, budget = 60;
        double tpe = 0, random = 0;
        for (int s = 0; s < seeds; s++) {
            long seed = 1000 + s;
            tpe += bestAfter(new TpeSampler(10, 0.25, 24, Direction.MINIMIZE), FOUR_D, SamplerTest::quadratic, seed, budget);
            random += bestAfter(new RandomSampler(), FOUR_D, SamplerTest::quadratic, seed, budget);
        }
        tpe /= seeds;
        random /= seeds;
        assertThat(tpe).as("mean best of TPE %s vs random %s", tpe, random).isLessThan(0.6 * random);
    }

    @Test
    void tpeMaximizesWhenAskedTo() {
        // the same quadratic, negated: a TPE that mixed up the direction would chase the worst corner
        double tpe = 0, random = 0;
        for (int s = 0; s < 20; s++) {
            tpe += bestAfter(new TpeSampler(10, 0.25, 24, Direction.MAXIMIZE), FOUR_D, p -> -quadratic(p), 2000 + s, 60,
                    Direction.MAXIMIZE);
            random += bestAfter(new RandomSampler(), FOUR_D, p -> -quadratic(p), 2000 + s, 60, Direction.MAXIMIZE);
        }
        assertThat(tpe).as("mean best of TPE %s vs random %s", tpe / 20, random / 20).isGreaterThan(0.6 * random);
    }

    @Test
    void tpeHandlesConditionalParamsAndNeverRepeatsAPendingPoint() {
        SearchSpace space = SearchSpace.load(Path.of("search-spaces/tutorial.json"));
        Sampler tpe = new TpeSampler(5, 0.25, 24, Direction.MINIMIZE);
        List<PastTrial> past = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        for (int k = 0; k < 40; k++) {
            Map<String, Object> p = tpe.sample(space, past, 5, k).orElseThrow();
            int layers = (Integer) p.get("layers");
            for (int j = 1; j <= 4; j++) assertThat(p.containsKey("units_" + j)).isEqualTo(j <= layers);
            for (int j = 2; j <= layers; j++) {
                assertThat((Integer) p.get("units_" + j)).isLessThanOrEqualTo((Integer) p.get("units_" + (j - 1)));
            }
            assertThat(seen.add(p)).isTrue();
            // deeper nets score better: TPE should learn to ask for more layers
            double y = 10.0 / layers + (Double) p.get("dropout");
            past.add(k % 4 == 3 ? new PastTrial(k, p, TrialState.RUNNING, null, new double[0]) : complete(k, p, y));
        }
        long deepLate = past.subList(20, 40).stream().filter(t -> (Integer) t.params().get("layers") == 4).count();
        assertThat(deepLate).isGreaterThan(8);
    }

    @Test
    void geneticSamplerIsReproducibleAndStaysInTheSpace() {
        Sampler genetic = Samplers.byName("genetic", Map.of("population", 6));
        List<PastTrial> past = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            Map<String, Object> p = genetic.sample(SMALL, past, 9, k).orElseThrow();
            assertThat(genetic.sample(SMALL, past, 9, k)).contains(p);
            int layers = (Integer) p.get("layers");
            assertThat(p.containsKey("units_2")).isEqualTo(layers == 2);
            past.add(complete(k, p, (Double) p.get("learning_rate")));
        }
    }

    @Test
    void geneticSamplerBeatsRandomOnAQuadratic() {
        double genetic = 0, random = 0;
        for (int s = 0; s < 20; s++) {
            genetic += bestAfter(Samplers.byName("genetic", Map.of()), FOUR_D, SamplerTest::quadratic, 500 + s, 60);
            random += bestAfter(new RandomSampler(), FOUR_D, SamplerTest::quadratic, 500 + s, 60);
        }
        assertThat(genetic).as("genetic %s vs random %s", genetic / 20, random / 20).isLessThan(0.8 * random);
    }

    @Test
    void samplersByNameReadsTheDirection() {
        Sampler max = Samplers.byName("tpe", Map.of("direction", "maximize", "n_startup", 5));
        Sampler min = Samplers.byName("tpe", Map.of("n_startup", 5));
        double maxBest = bestAfter(max, FOUR_D, p -> -quadratic(p), 3, 40, Direction.MAXIMIZE);
        double minBest = bestAfter(min, FOUR_D, p -> -quadratic(p), 3, 40, Direction.MAXIMIZE);
        // minimizing -quadratic drives TPE away from the optimum
        assertThat(maxBest).isGreaterThan(minBest);
    }

    @Test
    void samplersByNameRefusesUnknownNamesAndOptions() {
        assertThat(Samplers.byName("tpe", Map.of("n_startup", 5)).name()).isEqualTo("tpe");
        assertThat(Samplers.byName("grid", null).name()).isEqualTo("grid");
        assertThatThrownBy(() -> Samplers.byName("bayes", Map.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("bayes").hasMessageContaining("tpe");
        assertThatThrownBy(() -> Samplers.byName("tpe", Map.of("startup", 5)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"startup\"").hasMessageContaining("n_startup");
        assertThatThrownBy(() -> Samplers.byName("tpe", Map.of("gamma", 2.0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("gamma");
    }
}
