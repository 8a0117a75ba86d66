package dev.lstmtuner.web;

import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A page's verdicts: exact on the request for a small campaign, computed in the background for a large one. */
class PageVerdictsTest {
    @Test
    void aSmallCampaignsVerdictsFollowEveryNewCompleteTrialAtOnce() {
        Store store = campaign(3);
        PageVerdicts verdicts = new PageVerdicts(new LeaderboardService(store, 0), 10);
        assertThat(verdicts.get("c").trials()).hasSize(3);
        complete(store, 4);
        assertThat(verdicts.get("c").trials()).hasSize(4);
    }

    @Test
    void aLargeCampaignsPageGetsTheLastVerdictsWhileTheCurrentOnesAreComputedInTheBackground() throws Exception {
        Store store = campaign(5);
        PageVerdicts verdicts = new PageVerdicts(new LeaderboardService(store, 0), 2);
        // nothing computed yet: the page does not wait for it
        assertThat(verdicts.get("c")).isNull();
        assertThat(eventually(verdicts, 5).trials()).hasSize(5);
        complete(store, 6);
        CampaignVerdicts now = verdicts.get("c");
        assertThat(now).isNotNull();
        assertThat(eventually(verdicts, 6).trials()).hasSize(6);
    }

    @Test
    void aLargeCampaignsNextComputationWaitsOutItsRestAfterTheLastOne() throws Exception {
        Store store = campaign(5);
        // rest: a million times the computation's own time, far past this test
        PageVerdicts verdicts = new PageVerdicts(new LeaderboardService(store, 0), 2, 1e6);
        assertThat(verdicts.get("c")).isNull();
        assertThat(eventually(verdicts, 5).trials()).hasSize(5);
        complete(store, 6);
        for (int i = 0; i < 10; i++) {
            assertThat(verdicts.get("c").trials()).as("still resting").hasSize(5);
            Thread.sleep(30);
        }
    }

    private static CampaignVerdicts eventually(PageVerdicts verdicts, int complete) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        CampaignVerdicts v = verdicts.get("c");
        while ((v == null || v.trials().size() < complete) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            v = verdicts.get("c");
        }
        return v;
    }

    private static Store campaign(int complete) {
        Store store = new InMemoryStore();
        store.createCampaign(new CampaignSpec("c", "{}", "{}", "random", "none", 100, Objective.DEFAULT,
                Direction.MINIMIZE, null, null));
        for (int i = 1; i <= complete; i++) complete(store, i);
        return store;
    }

    private static void complete(Store store, int i) {
        TrialHandle h = store.start("c", Map.of("lr", 0.001 * i), "w", "cpu");
        h.complete(new FinalMetrics(new ForecastMetrics(8, 10 + i, 1.5, 0.3, 0.55),
                new ForecastMetrics(10, 11, 1.7, 0.2, 0.5), 0.1, 9, 1000, 5, 5, 1.0, 100), 10 + i);
    }
}
