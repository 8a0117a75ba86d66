package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NsgaIISamplerTest {
    private static final SearchSpace SPACE = SearchSpace.parse("""
            {"params": {"learning_rate": {"type": "float", "low": 0.0001, "high": 0.1, "log": true},
                        "batch_size": {"type": "int", "low": 4, "high": 256}}}""", "test");
    private static final List<Direction> MIN_MAX = List.of(Direction.MINIMIZE, Direction.MAXIMIZE);

    private static PastTrial done(int number, double lr, int units, double a, double b) {
        return new PastTrial(number, Map.of("learning_rate", lr, "batch_size", units), TrialState.COMPLETE, a,
                new double[0], new double[]{a, b});
    }

    @Test
    void theEliteTakesWholeFrontsThenTheMostCrowdingDistanceOfTheFrontThatOverflows() {
        NsgaIISampler s = new NsgaIISampler(4, null, 0.9, 0.5, MIN_MAX);
        // front 0 (min a, max b): #1 (1, 1), #2 (2, 5), #3 (3, 6), #4 (10, 10); #5 (4, 4) is dominated by #3
        List<PastTrial> past = List.of(done(1, 0.001, 8, 1, 1), done(2, 0.002, 16, 2, 5), done(3, 0.003, 32, 3, 6),
                done(4, 0.004, 64, 10, 10), done(5, 0.005, 128, 4, 4), done(6, 0.006, 200, 9.5, 9.9));
        List<NsgaIISampler.Parent> elite = s.elite(past);
        assertThat(elite).hasSize(4).allMatch(p -> p.rank() == 0);
        // five front members for four places: the ends (#1, #4) stay; crowding on a (range 9): #2 2/9, #3 7.5/9,
        // #6 7/9; on b (range 9): #2 5/9, #3 4.9/9, #6 4/9; so #2 (7/9) has the least room and is dropped
        assertThat(elite).extracting(p -> p.trial().number()).containsExactlyInAnyOrder(1, 4, 3, 6);
        assertThat(elite.get(0).crowding()).isInfinite();
    }

    @Test
    void aTournamentPrefersTheLowerFrontThenTheLargerCrowdingDistance() {
        NsgaIISampler.Parent front0 = new NsgaIISampler.Parent(done(1, 0.01, 8, 1, 1), 0, 0.1);
        NsgaIISampler.Parent front1 = new NsgaIISampler.Parent(done(2, 0.01, 9, 1, 1), 1, Double.POSITIVE_INFINITY);
        NsgaIISampler.Parent lonely = new NsgaIISampler.Parent(done(3, 0.01, 10, 1, 1), 0, 2.0);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            assertThat(NsgaIISampler.tournament(List.of(front0, front1), rng)).isSameAs(front0);
            assertThat(NsgaIISampler.tournament(List.of(front0, lonely), rng)).isSameAs(lonely);
        }
    }

    @Test
    void itSamplesAtRandomUntilThePopulationIsCompleteThenBreedsNewPointsPurely() {
        NsgaIISampler s = new NsgaIISampler(4, null, 0.9, 0.5, MIN_MAX);
        List<PastTrial> past = new ArrayList<>(List.of(done(1, 0.001, 8, 1, 1), done(2, 0.01, 16, 2, 5),
                done(3, 0.05, 32, 3, 6)));
        assertThat(s.sample(SPACE, past, 7, 4)).isEqualTo(new RandomSampler().sample(SPACE, past, 7, 4));
        past.add(done(4, 0.08, 250, 10, 10));
        Map<String, Object> child = s.sample(SPACE, past, 7, 5).orElseThrow();
        assertThat(s.sample(SPACE, past, 7, 5)).contains(child);
        assertThat(past).noneMatch(t -> t.params().equals(child));
        assertThat(s.sample(SPACE, past, 8, 5)).as("another seed, another child").isNotEqualTo(s.sample(SPACE, past, 7, 5));
    }

    @Test
    void childrenInheritTheParentsGenesWhenThereIsNoMutation() {
        NsgaIISampler s = new NsgaIISampler(2, 0.0, 1.0, 0.5, MIN_MAX);
        List<PastTrial> past = List.of(done(1, 0.001, 8, 1, 1), done(2, 0.05, 200, 2, 5));
        for (int n = 3; n < 20; n++) {
            Map<String, Object> c = s.sample(SPACE, past, 3, n).orElseThrow();
            if (past.stream().anyMatch(t -> t.params().equals(c))) continue;
            assertThat(c.get("batch_size")).isIn(8, 200);
            assertThat((double) c.get("learning_rate")).satisfiesAnyOf(v -> assertThat(v).isCloseTo(0.001,
                    offset(1e-9)), v -> assertThat(v).isCloseTo(0.05,
                    offset(1e-9)));
        }
    }

    @Test
    void badOptionsAndSingleObjectiveSamplersWithSeveralObjectivesAreRefused() {
        assertThatThrownBy(() -> Samplers.forObjectives("nsga2", Map.of("population", 1), MIN_MAX))
                .isInstanceOf(BadInputException.class).hasMessageContaining("population must be at least 2");
        assertThatThrownBy(() -> Samplers.forObjectives("nsga2", Map.of("mutation_prob", 1.5), MIN_MAX))
                .hasMessageContaining("mutation_prob");
        assertThatThrownBy(() -> Samplers.forObjectives("tpe", Map.of(), MIN_MAX))
                .isInstanceOf(BadInputException.class).hasMessageContaining("ranks trials on one objective")
                .hasMessageContaining("nsga2");
        assertThat(Samplers.forObjectives("random", Map.of(), MIN_MAX).name()).isEqualTo("random");
        assertThat(Samplers.forObjectives("nsga2", Map.of(), MIN_MAX).name()).isEqualTo("nsga2");
    }
}
