package dev.lstmtuner.search;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.search.pruner.AshaPruner;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.TrialHandle;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pruning in a multi-objective campaign is ASHA on the primary objective: the curves the pruner compares are the
 * primary's epoch values, whatever the other objectives say, and the history also carries each COMPLETE trial's
 * values of all objectives for the sampler.
 */
class MultiObjectivePruningTest {
    private static final Objectives TWO = new Objectives(List.of(Objective.VAL_RMSE, Objective.TRAINING_SECONDS));

    @Test
    void ashaComparesThePrimaryCurveAndTheHistoryCarriesEveryObjectiveValue() {
        InMemoryStore store = new InMemoryStore();
        store.createCampaign(new CampaignSpec("mo", "{}", "{}", "nsga2", "asha", 10, Objective.VAL_RMSE,
                Direction.MINIMIZE, null, null));
        // three finished trials with val_rmse 100..102 at every epoch; the slowest is the most accurate
        for (int i = 0; i < 3; i++) {
            TrialHandle h = store.start("mo", Map.of("units_1", 4 + i), "w", "cpu");
            for (int e = 1; e <= 4; e++) h.reportEpoch(new EpochMetrics(e, 0.1, 5.0 - i, 100 + i, 10));
            Map<Objective, Double> v = new EnumMap<>(Objective.class);
            v.put(Objective.VAL_RMSE, 100.0 + i);
            v.put(Objective.TRAINING_SECONDS, 30.0 - 10 * i);
            h.recordObjectives(v);
            ForecastMetrics f = new ForecastMetrics(1, 1, 1, 0, 0.5);
            h.complete(new FinalMetrics(f, f, 0, 100 + i, 10, 4, 4, 30.0 - 10 * i, 100), 100 + i);
        }
        CampaignHistory history = new CampaignHistory(store, "mo", TWO);
        history.refresh();
        assertThat(history.past()).extracting(p -> p.values()[1]).containsExactly(30.0, 20.0, 10.0);
        assertThat(history.past().get(0).valueAt(2)).as("the primary's curve, not val_loss").isEqualTo(100.0);

        Pruner asha = new AshaPruner(1, 2, 0);
        // a running trial far worse on val_rmse is pruned at the first rung, however fast it would be
        assertThat(asha.shouldPrune(4, new double[]{500}, history.past(), Direction.MINIMIZE).prune()).isTrue();
        assertThat(asha.shouldPrune(4, new double[]{99}, history.past(), Direction.MINIMIZE).prune()).isFalse();
    }
}
