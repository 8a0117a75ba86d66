package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.DeviceRecord;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** One contract, run against every Store implementation (see the subclasses); the queue's part is in {@link StoreQueueContractTest}. */
abstract class StoreContractTest extends StoreTestBase {

    @Test
    void createdCampaignIsReadBackWithDefaultsFilled() {
        Campaign c = campaign("c1");
        assertThat(store.campaign("c1")).contains(c);
        assertThat(c.objective()).isEqualTo(Objective.VAL_RMSE);
        assertThat(c.budget()).isEqualTo(50);
        assertThat(c.createdAt()).isNotNull();
        assertThat(store.campaign("nope")).isEmpty();
    }

    @Test
    void campaignNameCanBeTakenOnlyOnce() {
        campaign("c1");
        assertThatThrownBy(() -> campaign("c1")).isInstanceOf(BadInputException.class).hasMessageContaining("c1");
    }

    @Test
    void trialNumbersCountFromOneWithinEachCampaign() {
        campaign("a");
        campaign("b");
        assertThat(store.enqueue("a", Map.of()).number()).isEqualTo(1);
        assertThat(store.enqueue("b", Map.of()).number()).isEqualTo(1);
        Trial second = store.enqueue("a", Map.of());
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.state()).isEqualTo(TrialState.WAITING);
        assertThat(store.trial("a", 2)).map(Trial::id).contains(second.id());
    }

    @Test
    void enqueueIntoUnknownCampaignIsBadInput() {
        assertThatThrownBy(() -> store.enqueue("ghost", Map.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void paramsComeBackInOrderAsPlainJsonValues() {
        campaign("c");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("zeta", 0.5);
        params.put("units", List.of(64, 32));
        params.put("layer_impl", "fast");
        params.put("batch_norm", true);
        params.put("batch_size", 32);
        Trial t = store.trial(store.enqueue("c", params).id()).orElseThrow();
        assertThat(t.params()).containsExactlyEntriesOf(params);
        assertThat(new ArrayList<>(t.params().keySet())).containsExactly("zeta", "units", "layer_impl", "batch_norm",
                "batch_size");
    }

    @Test
    void aWaitingTrialIsClaimedOnlyOnce() {
        campaign("c");
        Trial t = store.enqueue("c", Map.of("lr", 0.1));
        TrialHandle h = store.claim(t.id(), "w1", "cpu").orElseThrow();
        assertThat(store.claim(t.id(), "w2", "cpu")).isEmpty();
        Trial running = h.snapshot();
        assertThat(running.state()).isEqualTo(TrialState.RUNNING);
        assertThat(running.worker()).isEqualTo("w1");
        assertThat(running.device()).isEqualTo("cpu");
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.heartbeatAt()).isNotNull();
    }

    @Test
    void claimNextTakesTheLowestWaitingNumberAndEmptiesTheQueue() {
        campaign("c");
        store.enqueue("c", Map.of("i", 1));
        store.enqueue("c", Map.of("i", 2));
        assertThat(store.claimNext("c", "w", "cpu")).map(TrialHandle::number).contains(1);
        assertThat(store.claimNext("c", "w", "cpu")).map(TrialHandle::number).contains(2);
        assertThat(store.claimNext("c", "w", "cpu")).isEmpty();
    }

    @Test
    void completedTrialKeepsMetricsEpochsArtifactsAndProvenance() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of("lr", 0.01), "worker-1", "cpu");
        h.reportEpoch(new EpochMetrics(1, 0.5, 0.6, 120.0, 1000));
        assertThat(h.epochListener().onEpoch(new EpochMetrics(2, 0.4, 0.5, 110.0, 900)).stop()).isFalse();
        Provenance p = new Provenance("{\"seed\":7}", 7, new DataFingerprint.Fingerprint("ab".repeat(32), 1000, 5000, 42),
                "0.1.0", "deadbeef", "17", "1.0.0-M2.1", "CPU", "Linux 6", "amd64", 2, "host-a",
                new DeviceRecord("gpu 1", "lstm: stock (layer_impl fast needs ND4J's CPU backend, not JCublas)", 4, 2,
                        "gpu: 2 workers, one per GPU (0, 1), 1 thread each"));
        h.recordProvenance(p);
        Artifact a = new Artifact("model", "results/artifacts/c/1/model.zip", "cd".repeat(32), 2048);
        h.addArtifact(a);
        FinalMetrics m = metrics(150, 0.05);
        h.complete(m, 110.0);

        TrialReport r = store.report(h.trialId()).orElseThrow();
        assertThat(r.trial().state()).isEqualTo(TrialState.COMPLETE);
        assertThat(r.trial().objective()).isEqualTo(110.0);
        assertThat(r.trial().metrics()).isEqualTo(m);
        assertThat(r.trial().finishedAt()).isNotNull();
        assertThat(r.epochs()).containsExactly(new EpochMetrics(1, 0.5, 0.6, 120.0, 1000),
                new EpochMetrics(2, 0.4, 0.5, 110.0, 900));
        assertThat(r.artifacts()).containsExactly(a);
        assertThat(r.provenance()).isEqualTo(p);
    }

    @Test
    void objectiveValuesAreKeptPerTrialWithNaNAsMissingAndGoWithTheCampaign() {
        campaign("c");
        campaign("other");
        TrialHandle h = store.start("c", Map.of("lr", 0.01), "w", "cpu");
        Map<Objective, Double> values = new EnumMap<>(Objective.class);
        values.put(Objective.VAL_RMSE, 101.5);
        values.put(Objective.TRAINING_SECONDS, 3.25);
        values.put(Objective.PARAMS, 4321.0);
        values.put(Objective.VAL_DIRECTION_ACCURACY, Double.NaN);
        h.recordObjectives(values);
        h.complete(metrics(150, 0.05), 101.5);
        TrialHandle bare = store.start("c", Map.of("lr", 0.02), "w", "cpu");
        bare.complete(metrics(160, 0.01), 120.0);
        TrialHandle elsewhere = store.start("other", Map.of(), "w", "cpu");
        elsewhere.recordObjectives(Map.of(Objective.VAL_RMSE, 7.0));
        elsewhere.complete(metrics(150, 0.05), 7.0);

        Map<Long, Map<Objective, Double>> read = store.objectiveValues(List.of(h.trialId(), bare.trialId()));
        assertThat(read).containsOnlyKeys(h.trialId());
        assertThat(read.get(h.trialId())).containsEntry(Objective.VAL_RMSE, 101.5)
                .containsEntry(Objective.TRAINING_SECONDS, 3.25).containsEntry(Objective.PARAMS, 4321.0)
                .containsEntry(Objective.VAL_DIRECTION_ACCURACY, null).hasSize(4);
        assertThat(store.objectiveValues(List.of())).isEmpty();
        assertThatThrownBy(() -> h.recordObjectives(Map.of(Objective.VAL_LOSS, 1.0)))
                .as("a finished trial's values are never written again").isInstanceOf(IllegalStateException.class);
        store.deleteCampaign("c");
        assertThat(store.objectiveValues(List.of(h.trialId(), elsewhere.trialId()))).containsOnlyKeys(elsewhere.trialId());
    }

    @Test
    void provenanceRecordedWithoutADeviceRecordReadsBackWithout() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of(), "worker-1", "cpu");
        Provenance p = new Provenance("{}", 7, null, "0.1.0", "deadbeef", "17", "1.0.0-M2.1", "CPU", "Linux 6",
                "amd64", 1, "host-a");
        h.recordProvenance(p);
        assertThat(store.report(h.trialId()).orElseThrow().provenance().device()).isNull();
    }

    @Test
    void aFinishedTrialCanNeverBeUpdatedAgain() {
        campaign("c");
        TrialHandle h = completed("c", Map.of(), 1.0);
        assertThatThrownBy(() -> h.reportEpoch(new EpochMetrics(1, 1, 1, 1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMPLETE");
        assertThatThrownBy(() -> h.fail("late", null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.prune(1, "late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(h::heartbeat).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.complete(metrics(1, 1), 0.5)).isInstanceOf(IllegalStateException.class);
        assertThat(store.trial(h.trialId()).orElseThrow().objective()).isEqualTo(1.0);
    }

    @Test
    void prunedTrialKeepsItsCurveButHasNoObjective() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of("lr", 0.5), "w", "cpu");
        h.reportEpoch(new EpochMetrics(1, 0.9, 0.9, 300.0, 10));
        h.reportEpoch(new EpochMetrics(2, 0.8, 0.95, 310.0, 10));
        h.prune(2, "worse than median at epoch 2");
        Trial t = h.snapshot();
        assertThat(t.state()).isEqualTo(TrialState.PRUNED);
        assertThat(t.objective()).isNull();
        assertThat(t.prunedEpoch()).isEqualTo(2);
        assertThat(t.failureReason()).contains("median");
        assertThat(store.epochs(List.of(t.id())).get(t.id())).extracting(EpochMetrics::valRmse)
                .containsExactly(300.0, 310.0);
    }

    @Test
    void failedTrialKeepsReasonAndStack() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of(), "w", "cpu");
        h.fail("loss became NaN at epoch 3", "java.lang.ArithmeticException\n\tat X");
        Trial t = h.snapshot();
        assertThat(t.state()).isEqualTo(TrialState.FAILED);
        assertThat(t.failureReason()).isEqualTo("loss became NaN at epoch 3");
        assertThat(t.failureStack()).startsWith("java.lang.ArithmeticException");
    }

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
        completed("other", Map.of(), 0.1);
        assertThat(store.best("c")).map(Trial::id).contains(original.id());
        assertThat(store.campaigns()).filteredOn(s -> s.campaign().name().equals("c"))
                .singleElement().satisfies(s -> assertThat(s.best().id()).isEqualTo(original.id()));
        assertThat(store.confirmationRuns("c")).extracting(Trial::id).containsExactly(lucky.id(), waiting.id());
        assertThat(store.confirmationRuns("c")).allMatch(t -> t.confirmOf() == original.id());
        assertThat(store.confirmationRuns("other")).isEmpty();
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
    void epochCurvesOfSeveralTrialsComeBackPerTrialInEpochOrder() {
        campaign("c");
        TrialHandle a = store.start("c", Map.of(), "w", "cpu");
        TrialHandle b = store.start("c", Map.of(), "w", "cpu");
        TrialHandle none = store.start("c", Map.of(), "w", "cpu");
        for (int e = 1; e <= 3; e++) {
            a.reportEpoch(new EpochMetrics(e, 1.0 / e, 1.0 / e, 10.0 / e, 5));
            b.reportEpoch(new EpochMetrics(e, 2.0 / e, 2.0 / e, 20.0 / e, 5));
        }
        Map<Long, List<EpochMetrics>> curves = store.epochs(List.of(b.trialId(), a.trialId(), none.trialId()));
        assertThat(curves.keySet()).containsExactly(b.trialId(), a.trialId());
        assertThat(curves.get(a.trialId())).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(curves.get(b.trialId())).extracting(EpochMetrics::valRmse).containsExactly(20.0, 10.0, 20.0 / 3);
    }

    @Test
    void anEpochIsReportedOnlyOnce() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of(), "w", "cpu");
        h.reportEpoch(new EpochMetrics(1, 1, 1, 1, 1));
        assertThatThrownBy(() -> h.reportEpoch(new EpochMetrics(1, 2, 2, 2, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already reported");
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

    @Test
    void anEndedCampaignKeepsItsEndTimeAndReason() {
        Campaign c = store.createCampaign(new CampaignSpec("ended", "{}", "{}", "tpe", "asha", 5, Objective.DEFAULT,
                Direction.MINIMIZE, "{\"name\":\"ended\"}", "group-a"));
        assertThat(c.endedAt()).isNull();
        assertThat(c.settingsJson()).isEqualTo("{\"name\":\"ended\"}");
        assertThat(c.groupName()).isEqualTo("group-a");
        store.endCampaign("ended", "trial budget of 5 reached");
        Campaign after = store.campaign("ended").orElseThrow();
        assertThat(after.endedAt()).isNotNull();
        assertThat(after.endReason()).isEqualTo("trial budget of 5 reached");
        assertThatThrownBy(() -> store.endCampaign("missing", "x")).isInstanceOf(BadInputException.class);
        store.reopenCampaign("ended");
        assertThat(store.campaign("ended").orElseThrow().endedAt()).isNull();
        assertThat(store.campaign("ended").orElseThrow().endReason()).isNull();
    }

    @Test
    void deletingACampaignRemovesOnlyItsTrials() {
        campaign("gone");
        campaign("kept");
        TrialHandle h = completed("gone", Map.of("a", 1), 1);
        completed("gone", Map.of("a", 2), 2);
        completed("kept", Map.of("a", 3), 3);
        assertThat(store.deleteCampaign("gone")).isEqualTo(2);
        assertThat(store.campaign("gone")).isEmpty();
        assertThat(store.trial(h.trialId())).isEmpty();
        assertThat(store.trials(TrialQuery.of("kept")).total()).isEqualTo(1);
        assertThatThrownBy(() -> store.deleteCampaign("gone")).isInstanceOf(BadInputException.class);
    }

    @Test
    void notesAndTagsAreKeptAsTypedPerCampaignAndTrialAndGoWithTheCampaign() {
        campaign("c");
        campaign("other");
        Trial t = store.enqueue("c", Map.of("lr", 0.1));
        Trial foreign = store.enqueue("other", Map.of("lr", 0.1));
        String hostile = "<img src=x onerror=alert(1)> & 'quotes'";
        Note note = store.addNote("c", null, Note.Kind.NOTE, "  " + hostile + "\nsecond line ");
        Note tag = store.addNote("c", t.id(), Note.Kind.TAG, "winner?");
        store.addNote("other", null, Note.Kind.TAG, "elsewhere");
        assertThat(note.text()).isEqualTo(hostile + "\nsecond line");
        assertThat(note.trialId()).isNull();
        assertThat(note.createdAt()).isNotNull();
        assertThat(store.notes("c")).extracting(Note::id, Note::trialId, Note::kind, Note::text)
                .containsExactly(tuple(note.id(), null, Note.Kind.NOTE, hostile + "\nsecond line"),
                        tuple(tag.id(), t.id(), Note.Kind.TAG, "winner?"));
        assertThatThrownBy(() -> store.addNote("c", foreign.id(), Note.Kind.TAG, "x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no trial with id " + foreign.id());
        assertThatThrownBy(() -> store.addNote("c", null, Note.Kind.TAG, "a\nb")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> store.addNote("c", null, Note.Kind.NOTE, "  ")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> store.addNote("c", null, Note.Kind.TAG, "x".repeat(Note.MAX_TAG + 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining(String.valueOf(Note.MAX_TAG));
        assertThatThrownBy(() -> store.addNote("ghost", null, Note.Kind.NOTE, "x")).isInstanceOf(BadInputException.class);
        assertThat(store.deleteNote(tag.id())).isTrue();
        assertThat(store.deleteNote(tag.id())).isFalse();
        assertThat(store.notes("c")).extracting(Note::id).containsExactly(note.id());
        store.deleteCampaign("c");
        campaign("c");
        assertThat(store.notes("c")).isEmpty();
        assertThat(store.notes("other")).hasSize(1);
    }

    @Test
    void lockboxOpeningsAreKeptInOrderWithTimeAndScoreAndGoWithTheCampaign() {
        campaign("c");
        campaign("other");
        Trial t = store.enqueue("c", Map.of("lr", 0.1));
        LockboxScore score = new LockboxScore(t.number(), 10.5, 11.0, 1 - 10.5 / 11.0, -2.1, 0.036, 1464,
                1_730_419_200_000L, 1_735_686_000_000L, 7);
        LockboxOpening first = store.recordLockbox("c", t.id(), LockboxOpening.Kind.SCORE, false, score);
        LockboxOpening resume = store.recordLockbox("c", null, LockboxOpening.Kind.RESUME, true, null);
        store.recordLockbox("other", null, LockboxOpening.Kind.RESUME, true, null);
        assertThat(first.openedAt()).isNotNull();
        assertThat(first.score()).isEqualTo(score);
        assertThat(store.lockboxOpenings("c")).extracting(LockboxOpening::id, LockboxOpening::trialId,
                        LockboxOpening::kind, LockboxOpening::reopening, LockboxOpening::score)
                .containsExactly(tuple(first.id(), t.id(), LockboxOpening.Kind.SCORE, false, score),
                        tuple(resume.id(), null, LockboxOpening.Kind.RESUME, true, null));
        assertThatThrownBy(() -> store.lockboxOpenings("ghost")).isInstanceOf(BadInputException.class);
        store.deleteCampaign("c");
        campaign("c");
        assertThat(store.lockboxOpenings("c")).isEmpty();
        assertThat(store.lockboxOpenings("other")).hasSize(1);
    }
}
