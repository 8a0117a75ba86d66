package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.DeviceRecord;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
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

/** One contract, run against every Store implementation (see the subclasses); the queue's part is in {@link StoreQueueContractTest}, ranking and
 * counting in {@link StoreRankingContractTest}. */
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
                        "gpu: 2 workers, one per GPU (0, 1), 1 thread each"),
                new DataFingerprint.TestWindows("ef".repeat(32), 3000, 5000, 3));
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
        assertThat(store.report(h.trialId()).orElseThrow().provenance().tests()).as("judged on its data").isNull();
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
