package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.TrialState;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How every Store ranks, sorts, filters, pages and counts a campaign's trials (see the subclasses). */
abstract class StoreRankingContractTest extends StoreTestBase {

    @Test
    void leaderboardPutsCompletedTrialsBeforePrunedFailedAndUnfinishedOnes() {
        campaign("c");
        store.start("c", Map.of("lr", 0.1), "w", "cpu").fail("boom", null);
        completed("c", Map.of("lr", 0.2), 5.0);
        store.start("c", Map.of("lr", 0.3), "w", "cpu").prune(1, "bad");
        store.enqueue("c", Map.of("lr", 0.4));
        completed("c", Map.of("lr", 0.5), 3.0);
        store.start("c", Map.of("lr", 0.6), "w", "cpu");

        Page<Trial> page = store.trials(TrialQuery.of("c"));
        assertThat(page.total()).isEqualTo(6);
        assertThat(page.items()).extracting(Trial::number).containsExactly(5, 2, 3, 1, 6, 4);
        // even sorting the "wrong" way keeps completed trials first
        assertThat(store.trials(TrialQuery.of("c").descending(true)).items()).extracting(Trial::number)
                .startsWith(2, 5);
    }

    @Test
    void sortsByAnyFinalMetricInItsNaturalDirection() {
        campaign("c");
        TrialHandle a = store.start("c", Map.of(), "w", "cpu");
        a.complete(metrics(10, 0.3), 10);
        TrialHandle b = store.start("c", Map.of(), "w", "cpu");
        b.complete(metrics(20, 0.6), 20);
        TrialHandle c = store.start("c", Map.of(), "w", "cpu");
        c.complete(metrics(15, 0.1), 15);
        assertThat(store.trials(TrialQuery.of("c").sortBy("test_rmse")).items()).extracting(Trial::number)
                .containsExactly(1, 3, 2);
        assertThat(store.trials(TrialQuery.of("c").sortBy("skill")).items()).extracting(Trial::number)
                .containsExactly(2, 1, 3);
        assertThat(store.trials(TrialQuery.of("c").sortBy("skill").descending(false)).items())
                .extracting(Trial::number).containsExactly(3, 1, 2);
    }

    @Test
    void sortsByParamNumericallyNotAsText() {
        campaign("c");
        completed("c", Map.of("batch_size", 128, "impl", "fast"), 1);
        completed("c", Map.of("batch_size", 16, "impl", "stock"), 2);
        completed("c", Map.of("batch_size", 64, "impl", "fast"), 3);
        assertThat(store.trials(TrialQuery.of("c").sortBy("batch_size")).items())
                .extracting(t -> t.params().get("batch_size")).containsExactly(16, 64, 128);
        assertThat(store.trials(TrialQuery.of("c").sortBy("batch_size").descending(true)).items())
                .extracting(t -> t.params().get("batch_size")).containsExactly(128, 64, 16);
        assertThat(store.trials(TrialQuery.of("c").sortBy("impl")).items())
                .extracting(Trial::number).containsExactly(1, 3, 2);
    }

    @Test
    void filtersByStateAndPagesWithTheFullTotal() {
        campaign("c");
        for (int i = 1; i <= 7; i++) completed("c", Map.of("x", i), 10 - i);
        store.start("c", Map.of("x", 99), "w", "cpu").fail("boom", null);
        Page<Trial> page = store.trials(TrialQuery.of("c").state(TrialState.COMPLETE).page(3, 3));
        assertThat(page.total()).isEqualTo(7);
        assertThat(page.items()).extracting(t -> t.params().get("x")).containsExactly(4, 3, 2);
        Page<Trial> failed = store.trials(TrialQuery.of("c").state(TrialState.FAILED).sortBy("x"));
        assertThat(failed.total()).isEqualTo(1);
        assertThat(failed.items()).extracting(Trial::state).containsExactly(TrialState.FAILED);
        assertThat(store.trials(TrialQuery.of("c").page(5, 100)).items()).isEmpty();
    }

    @Test
    void anUnknownSortKeyIsRejectedWithTheValidKeys() {
        campaign("c");
        store.enqueue("c", Map.of("learning_rate", 0.1));
        assertThatThrownBy(() -> store.trials(TrialQuery.of("c").sortBy("val_rmse; DROP TABLE trial")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("test_rmse").hasMessageContaining("learning_rate");
        assertThat(store.sortKeys("c")).contains("val_rmse", "skill", "learning_rate");
    }

    @Test
    void bestFollowsTheCampaignDirection() {
        store.createCampaign(new CampaignSpec("max", null, null, "random", "none", null, "skill",
                Direction.MAXIMIZE, null, null));
        completed("max", Map.of(), 0.2);
        completed("max", Map.of(), 0.7);
        completed("max", Map.of(), 0.5);
        store.start("max", Map.of(), "w", "cpu").fail("x", null);
        assertThat(store.best("max")).map(Trial::objective).contains(0.7);
        assertThat(store.trials(TrialQuery.of("max")).items()).extracting(Trial::objective)
                .startsWith(0.7, 0.5, 0.2);
        campaign("min");
        assertThat(store.best("min")).isEmpty();
        completed("min", Map.of(), 0.2);
        completed("min", Map.of(), 0.1);
        assertThat(store.best("min")).map(Trial::objective).contains(0.1);
    }

    @Test
    void aConfirmationRunNeverRanksAsTheBestAndTheCampaignsRunsAreReadAllTogether() {
        campaign("c");
        Trial original = store.trial(completed("c", Map.of("lr", 1), 2.0).trialId()).orElseThrow();
        completed("c", Map.of("lr", 2), 3.0);
        // a lucky seed of the original: the lowest objective in the campaign, and still not its best
        Trial lucky = store.enqueue("c", Map.of("lr", 1, "seed", 43), original.id());
        store.claim(lucky.id(), "w", "cpu").orElseThrow().complete(metrics(1.0, 0.1), 0.5);
        Trial waiting = store.enqueue("c", Map.of("lr", 1, "seed", 44), original.id());
        campaign("other");
        Trial otherBest = store.trial(completed("other", Map.of(), 0.1).trialId()).orElseThrow();
        // another campaign's confirmation run: in the confirm_of index beside c's, and none of c's
        Trial elsewhere = store.enqueue("other", Map.of("seed", 45), otherBest.id());
        assertThat(store.best("c")).map(Trial::id).contains(original.id());
        assertThat(store.campaigns()).filteredOn(s -> s.campaign().name().equals("c"))
                .singleElement().satisfies(s -> assertThat(s.best().id()).isEqualTo(original.id()));
        assertThat(store.confirmationRuns("c")).extracting(Trial::id).containsExactly(lucky.id(), waiting.id());
        assertThat(store.confirmationRuns("c")).allMatch(t -> t.confirmOf() == original.id());
        assertThat(store.confirmationRuns("other")).extracting(Trial::id).containsExactly(elsewhere.id());
        assertThat(store.confirmationRuns("no-such-campaign")).isEmpty();
    }

    @Test
    void countsEveryStateAndSummarizesCampaigns() {
        campaign("c");
        store.enqueue("c", Map.of());
        store.start("c", Map.of(), "w", "cpu");
        completed("c", Map.of(), 4.0);
        completed("c", Map.of(), 2.0);
        Map<TrialState, Long> counts = store.countByState("c");
        assertThat(counts).containsEntry(TrialState.WAITING, 1L).containsEntry(TrialState.RUNNING, 1L)
                .containsEntry(TrialState.COMPLETE, 2L).containsEntry(TrialState.PRUNED, 0L)
                .containsEntry(TrialState.FAILED, 0L);
        campaign("empty");
        List<CampaignSummary> all = store.campaigns();
        assertThat(all).extracting(s -> s.campaign().name()).containsExactlyInAnyOrder("c", "empty");
        CampaignSummary c = all.stream().filter(s -> s.campaign().name().equals("c")).findFirst().orElseThrow();
        assertThat(c.total()).isEqualTo(4);
        assertThat(c.best().objective()).isEqualTo(2.0);
    }

    @Test
    void completedTrialKeepsItsPersistenceTestAndFoldsAndSortsByPValue() {
        campaign("dm");
        ForecastMetrics f = new ForecastMetrics(1, 2, 3, Double.NaN, 0.5);
        List<FoldMetrics> folds = List.of(new FoldMetrics(1, 100, 20, 20, 1_000L, 2_000L, 2.5, 0.9, 6, 4, f, f,
                0.01, 0.4), new FoldMetrics(2, 140, 20, 20, 2_000L, 3_000L, 2.4, 0.8, 5, 3, f, f, -0.02, null));
        TrialHandle a = store.start("dm", Map.of("lr", 0.01), "w", "cpu");
        a.complete(new FinalMetrics(f, f, 0.01, 2.45, 10, 6, 4, 1.0, 40, -2.1, 0.04, folds), 2.45);
        TrialHandle b = store.start("dm", Map.of("lr", 0.02), "w", "cpu");
        b.complete(new FinalMetrics(f, f, 0.0, 2.5, 10, 6, 4, 1.0, 40, 0.3, 0.76, List.of()), 2.5);

        FinalMetrics back = store.trial(a.trialId()).orElseThrow().metrics();
        assertThat(back.persistenceStatistic()).isEqualTo(-2.1);
        assertThat(back.persistencePValue()).isEqualTo(0.04);
        assertThat(back.folds()).hasSize(2);
        assertThat(back.folds().get(1).persistencePValue()).isNull();
        assertThat(back.folds().get(0).model().r2()).isNaN();
        assertThat(back.folds().get(1).testToMs()).isEqualTo(3_000L);
        assertThat(store.trial(b.trialId()).orElseThrow().metrics().folds()).isEmpty();
        assertThat(store.trials(TrialQuery.of("dm").sortBy("persistence_p")).items())
                .extracting(Trial::number).containsExactly(1, 2);
        assertThat(store.trials(TrialQuery.of("dm").sortBy("persistence_p").descending(true)).items())
                .extracting(Trial::number).containsExactly(2, 1);
    }
}
