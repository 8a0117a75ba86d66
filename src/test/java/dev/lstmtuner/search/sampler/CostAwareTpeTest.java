package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CostAwareTpeTest {
    /** time_steps 200 costs 20 times time_steps 10 an epoch (CostModel); only the learning rate matters below. */
    private static final SearchSpace SPACE = SearchSpace.parse("""
            {"params": {
              "time_steps": {"type": "categorical", "values": [10, 200]},
              "learning_rate": {"type": "float", "low": 1e-4, "high": 1e-1, "log": true}
            }}""", "space.json");

    /** 20 COMPLETE trials, time steps alternating, the objective a function of the learning rate only. */
    private static List<PastTrial> equalPromise(double[] millisFor10, double[] millisFor200) {
        List<PastTrial> past = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            double lr = Math.pow(10, -4 + 3 * ((n * 7) % 20) / 19.0);
            int steps = n % 2 == 0 ? 10 : 200;
            double objective = Math.abs(Math.log10(lr) + 2.5);
            past.add(new PastTrial(n, Map.of("time_steps", steps, "learning_rate", lr), TrialState.COMPLETE, objective,
                    new double[]{objective}, null, false, new double[]{1.0}, steps == 10 ? millisFor10 : millisFor200));
        }
        return past;
    }

    private static double shareOfCheap(TpeSampler tpe, List<PastTrial> past) {
        int cheap = 0, n = 200;
        for (int seed = 0; seed < n; seed++) {
            Map<String, Object> p = tpe.sample(SPACE, past, seed, 21).orElseThrow();
            if (((Number) p.get("time_steps")).intValue() == 10) cheap++;
        }
        return cheap / (double) n;
    }

    private static TpeSampler tpe(boolean costAware) {
        return new TpeSampler(10, 0.25, 24, 1, costAware, Direction.MINIMIZE);
    }

    @Test
    void ofTwoEquallyPromisingRegionsTheCheaperIsProposedFarMoreOften() {
        List<PastTrial> past = equalPromise(null, null); // no measured times: the static cost
        double plain = shareOfCheap(tpe(false), past);
        double perSecond = shareOfCheap(tpe(true), past);
        assertThat(plain).as("TPE alone has no reason to prefer either").isLessThan(0.7);
        assertThat(perSecond).as("promise per predicted second").isGreaterThan(0.9);
    }

    @Test
    void theCostIsLearnedFromMeasuredEpochTimes() {
        // measured: the long windows cost no more than the short ones here, so there is nothing to save
        List<PastTrial> flat = equalPromise(new double[]{500}, new double[]{500});
        assertThat(EpochCosts.slope(SPACE, flat)).isCloseTo(0, within(1e-9));
        assertThat(shareOfCheap(tpe(true), flat)).isLessThan(0.7);
        // measured: 20 times the static cost is 20^0.5 times the time, at every fidelity
        List<PastTrial> sqrt = new ArrayList<>();
        for (PastTrial t : equalPromise(null, null)) {
            double ms = 3 * Math.sqrt(CostModel.epochCost(SPACE.toConfigOverrides(t.params())));
            sqrt.add(new PastTrial(t.number(), t.params(), t.state(), t.objective(), new double[]{1, 1, 1}, null,
                    false, new double[]{1 / 9.0, 1 / 9.0, 1.0}, new double[]{ms / 5, ms / 5, ms}));
        }
        assertThat(EpochCosts.slope(SPACE, sqrt)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void theStaticCostStandsUntilFiveOwnTrialsHaveMeasuredEpochs() {
        List<PastTrial> past = new ArrayList<>(equalPromise(new double[]{500}, new double[]{500}));
        List<PastTrial> four = new ArrayList<>(past.subList(0, 4));
        for (PastTrial t : past.subList(4, past.size())) {
            four.add(new PastTrial(t.number(), t.params(), t.state(), t.objective(), t.intermediate(), null));
        }
        assertThat(EpochCosts.slope(SPACE, four)).isEqualTo(1.0);
        // another campaign's trials (a warm start) time another machine and data: they do not count
        List<PastTrial> warm = past.stream().map(t -> new PastTrial(t.number(), t.params(), t.state(), t.objective(),
                t.intermediate(), null, true, t.fidelity(), t.epochMillis())).toList();
        assertThat(EpochCosts.slope(SPACE, warm)).isEqualTo(1.0);
        assertThat(EpochCosts.slope(SPACE, past)).isCloseTo(0, within(1e-9));
    }

    @Test
    void costAwareIsAnOptInFlagOfTheTpeSampler() {
        assertThat(Samplers.byName("tpe", Map.of("cost_aware", true))).isInstanceOf(TpeSampler.class);
        assertThatThrownBy(() -> Samplers.byName("tpe", Map.of("cost_aware", "yes")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"cost_aware\"")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> Samplers.byName("random", Map.of("cost_aware", true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown option \"cost_aware\"");
        // off by default: the same proposals as before
        List<PastTrial> past = equalPromise(null, null);
        Sampler byDefault = Samplers.byName("tpe", Map.of("cheap_startup", 1));
        assertThat(Arrays.asList(0, 1, 2, 3)).allSatisfy(seed -> assertThat(byDefault.sample(SPACE, past, seed, 21))
                .isEqualTo(tpe(false).sample(SPACE, past, seed, 21)));
    }
}
