package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

/** What every Store contract test needs: a fresh store per test and a few ways to fill it. */
abstract class StoreTestBase {
    protected Store store;

    protected abstract Store newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static FinalMetrics metrics(double testRmse, double skill) {
        return new FinalMetrics(new ForecastMetrics(testRmse * 0.8, testRmse, 1.5, 0.3, 0.55),
                new ForecastMetrics(testRmse, testRmse * 1.1, 1.7, 0.2, 0.5), skill, testRmse * 0.9, 12_345L,
                10, 7, 3.5, 400);
    }

    protected Campaign campaign(String name) {
        return store.createCampaign(new CampaignSpec(name, "{\"units\":[8]}", "{\"lr\":\"log\"}", "random", "median",
                50, Objective.DEFAULT, Direction.MINIMIZE, null, null));
    }

    protected TrialHandle completed(String campaign, Map<String, Object> params, double objective) {
        TrialHandle h = store.start(campaign, params, "w", "cpu");
        h.complete(metrics(objective * 2, 0.1), objective);
        return h;
    }

}
