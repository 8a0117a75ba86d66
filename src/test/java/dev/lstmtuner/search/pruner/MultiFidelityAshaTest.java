package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.FidelityStep;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.PastTrial;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiFidelityAshaTest {
    private static final Direction MIN = Direction.MINIMIZE;

    private static Pruner asha(Map<String, Object> options) {
        return Pruners.byName("asha", options);
    }

    /** A trial whose every epoch reported {@code value} at these fidelities. */
    private static PastTrial trial(int number, TrialState state, double value, double... fidelity) {
        double[] curve = new double[fidelity.length];
        Arrays.fill(curve, value);
        return new PastTrial(number, Map.of(), state, null, curve, null, false, fidelity, null);
    }

    private static double[] times(int n, double f) {
        double[] out = new double[n];
        Arrays.fill(out, f);
        return out;
    }

    @Test
    void earlyRungsTrainOnEtaToTheMinusRungsLeftOfTheWindowsAndTheLastPruningRungOnAll() {
        Pruner p = asha(Map.of("fidelity", "recent"));
        // max_epochs 30: rungs at 2, 6, 18 can prune (R = 2): epochs 1-2 on 1/9, 3-6 on 1/3, 7 on all
        assertThat(p.fidelitySchedule(30)).containsExactly(new FidelityStep(2, 1 / 9.0), new FidelityStep(6, 1 / 3.0));
        List<FidelityStep> s = p.fidelitySchedule(30);
        assertThat(List.of(1, 2, 3, 6, 7, 18, 30)).extracting(e -> FidelityStep.at(s, e))
                .containsExactly(1 / 9.0, 1 / 9.0, 1 / 3.0, 1 / 3.0, 1.0, 1.0, 1.0);
        // max_epochs 10: rungs 2 and 6 (R = 1)
        assertThat(p.fidelitySchedule(10)).containsExactly(new FidelityStep(2, 1 / 3.0));
        // one rung before the last epoch (or none): it is the last that prunes, so everything on all windows
        assertThat(p.fidelitySchedule(6)).isNull();
        assertThat(p.fidelitySchedule(2)).isNull();
        assertThat(asha(Map.of()).fidelitySchedule(30)).as("full fidelity by default").isNull();
    }

    @Test
    void theFloorHoldsAndMergesTheStepsItFlattens() {
        // rungs 1, 2, 4, 8, 16 below 20 (R = 4): 1/16 and 1/8 floored to 0.2, one step through epoch 2
        Pruner p = asha(Map.of("fidelity", "recent", "min_resource", 1, "reduction_factor", 2, "min_fidelity", 0.2));
        assertThat(p.fidelitySchedule(20)).containsExactly(new FidelityStep(2, 0.2), new FidelityStep(4, 0.25),
                new FidelityStep(8, 0.5));
        // min_early_stopping_rate shifts the rungs, and with them the schedule
        assertThat(asha(Map.of("fidelity", "recent", "min_early_stopping_rate", 1)).fidelitySchedule(30))
                .containsExactly(new FidelityStep(6, 1 / 3.0));
    }

    @Test
    void theWindowsOfAShareAreAtLeastOneAndAllAtFullFidelity() {
        assertThat(FidelityStep.windows(900, 1 / 9.0)).isEqualTo(100);
        assertThat(FidelityStep.windows(901, 1 / 9.0)).isEqualTo(101);
        assertThat(FidelityStep.windows(5, 0.01)).isEqualTo(1);
        assertThat(FidelityStep.windows(900, 1.0)).isEqualTo(900);
        assertThat(FidelityStep.windows(0, 0.5)).isZero();
    }

    @Test
    void aRungComparesOnlyTrialsMeasuredAtTheSameFidelity() {
        Pruner p = asha(Map.of("fidelity", "recent"));
        double[] ninth = times(2, 1 / 9.0);
        List<PastTrial> others = new ArrayList<>();
        // much better, but measured on all the windows (trials from before the option, or another schedule)
        for (int n = 2; n <= 4; n++) others.add(trial(n, TrialState.COMPLETE, 1.0, 1, 1, 1));
        others.add(trial(5, TrialState.PRUNED, 1.0, 1 / 3.0, 1 / 3.0));
        // worse, at this trial's fidelity
        others.add(trial(6, TrialState.PRUNED, 9.0, 1 / 9.0, 1 / 9.0));
        others.add(trial(7, TrialState.RUNNING, 9.0, 1 / 9.0, 1 / 9.0, 1 / 3.0));
        assertThat(p.shouldPrune(1, new double[]{5, 5}, ninth, others, MIN).prune()).isFalse();
        // the same trial at full fidelity meets the better ones, and is pruned
        Pruner.Decision full = p.shouldPrune(1, new double[]{5, 5}, others, MIN);
        assertThat(full.prune()).isTrue();
        assertThat(full.reason()).contains("1 of 4 trials").doesNotContain("fidelity");
        // and a better trial at its own fidelity prunes it, the reason naming the fidelity
        others.add(trial(8, TrialState.PRUNED, 2.0, 1 / 9.0, 1 / 9.0));
        others.add(trial(9, TrialState.PRUNED, 2.0, 1 / 9.0, 1 / 9.0));
        Pruner.Decision d = p.shouldPrune(1, new double[]{5, 5}, ninth, others, MIN);
        assertThat(d.prune()).isTrue();
        assertThat(d.reason()).contains("1 of 5 trials").contains("fidelity 0.1111");
    }

    @Test
    void trialsWithoutARecordedFidelityCountAsTrainedOnAllWindows() {
        Pruner p = asha(Map.of());
        List<PastTrial> legacy = new ArrayList<>();
        for (int n = 2; n <= 4; n++) legacy.add(new PastTrial(n, Map.of(), TrialState.COMPLETE, 1.0, new double[]{1, 1}));
        assertThat(p.shouldPrune(1, new double[]{5, 5}, legacy, MIN).prune()).isTrue();
        assertThat(p.shouldPrune(1, new double[]{5, 5}, times(2, 0.5), legacy, MIN).prune()).isFalse();
    }

    @Test
    void theMedianPrunerComparesLikeWithLikeToo() {
        Pruner p = Pruners.byName("median", Map.of("startup_trials", 1, "warmup_epochs", 0));
        List<PastTrial> others = new ArrayList<>();
        for (int n = 2; n <= 4; n++) others.add(trial(n, TrialState.PRUNED, 1.0, 1 / 3.0, 1 / 3.0));
        others.add(new PastTrial(5, Map.of(), TrialState.COMPLETE, 8.0, new double[]{8, 8, 8}));
        // at full fidelity only trial 5 (worse) counts; at a third, the three better ones do
        assertThat(p.shouldPrune(1, new double[]{5, 5}, others, MIN).prune()).isFalse();
        assertThat(p.shouldPrune(1, new double[]{5, 5}, times(2, 1 / 3.0), others, MIN).prune()).isTrue();
    }

    @Test
    void aPatientPrunerUsesTheScheduleOfTheAshaItWraps() {
        Pruner p = Pruners.byName("patient", Map.of("wrapped", Map.of("type", "asha", "fidelity", "recent")));
        assertThat(p.fidelitySchedule(10)).containsExactly(new FidelityStep(2, 1 / 3.0));
    }

    @Test
    void badFidelityOptionsAreRefusedNamingTheKeyAndTheAllowedValues() {
        assertThatThrownBy(() -> asha(Map.of("fidelity", "cheap"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"fidelity\"").hasMessageContaining("[full, recent]").hasMessageContaining("cheap");
        assertThatThrownBy(() -> asha(Map.of("fidelity", 3))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"fidelity\"");
        assertThatThrownBy(() -> asha(Map.of("fidelity", "recent", "min_fidelity", 0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"min_fidelity\"");
        assertThatThrownBy(() -> asha(Map.of("fidelity", "recent", "min_fidelity", 1.5)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"min_fidelity\"");
        assertThatThrownBy(() -> Pruners.byName("median", Map.of("fidelity", "recent")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown option \"fidelity\"");
    }

    @Test
    void aConfigScheduleOutOfOrderOrOutOfRangeIsRefusedByKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"fidelity\": [{\"through_epoch\": 6, \"fraction\": 0.3},"
                + " {\"through_epoch\": 2, \"fraction\": 0.1}]}", "c.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("c.json").hasMessageContaining("\"fidelity\"")
                .hasMessageContaining("increasing");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"fidelity\": [{\"through_epoch\": 2, \"fraction\": 0}]}", "c.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"fidelity\"").hasMessageContaining("(0, 1]");
        assertThat(ConfigLoader.parse("{\"fidelity\": [{\"through_epoch\": 2, \"fraction\": 0.25}]}", "c.json").fidelity())
                .containsExactly(new FidelityStep(2, 0.25));
    }
}
