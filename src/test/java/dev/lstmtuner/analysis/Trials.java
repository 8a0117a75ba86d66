package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built trials and campaigns for the analysis tests (no store needed). */
final class Trials {
    private Trials() {
    }

    static Campaign campaign(String name, String config, String objective, Direction direction) {
        return new Campaign(1, name, config, "{}", "random", "none", 10, Objective.byKey(objective).orElseThrow(),
                direction, Instant.EPOCH, null, null,
                null, null);
    }

    static Trial complete(long id, int number, double objective, Long confirmOf, Long seed) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", 0.01);
        if (seed != null) params.put("seed", seed);
        ForecastMetrics f = new ForecastMetrics(1, 1, 1, 0, 0.5);
        FinalMetrics m = new FinalMetrics(f, f, 0.01, objective, 10, 2, 2, 0.1, 100, -1.0, 0.4, List.of());
        return new Trial(id, 1, "c", number, TrialState.COMPLETE, params, objective, "w", "cpu", Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, null, null, null, confirmOf, m);
    }
}
