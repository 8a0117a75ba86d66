package dev.lstmtuner.cli;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** cancel, pause and continue from the command line, and a budget extended on resume. */
class SteeringCommandsTest {
    @TempDir
    Path dir;

    private String store() {
        return dir.resolve("store").toString();
    }

    private void campaign(String name, int maxTrials) throws Exception {
        Path exp = Files.writeString(dir.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"config\": {\"max_rows\": 1200, "
                + "\"features\": [\"log_return_1\", \"hl_range\"], \"time_steps\": 8, \"units\": [4], \"dense_units\": 0, "
                + "\"max_epochs\": 1, \"patience\": 0}, \"space\": {\"params\": {\"learning_rate\": {\"type\": \"float\", "
                + "\"low\": 0.001, \"high\": 0.01}}}, \"sampler\": \"random\", \"budget\": {\"max_trials\": " + maxTrials + "}}");
        Experiment e = ExperimentLoader.load(exp);
        try (Store s = StoreFactory.open(store())) {
            s.createCampaign(new CampaignSpec(name, ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                    e.pruner(), maxTrials, e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
        }
    }

    @Test
    void cancelRecordsTheRunningTrialAsCancelledAndRefusesAFinishedOne() throws Exception {
        campaign("c", 5);
        long id;
        try (Store s = StoreFactory.open(store())) {
            TrialHandle h = s.start("c", Map.of("learning_rate", 0.003), "w-1", "cpu");
            id = h.trialId();
        }
        TrainCommandTest.Result r = TrainCommandTest.run("cancel", "c/1", "--store", store());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("trial c/1 cancelled; worker w-1 stops it at its next epoch or heartbeat");
        try (Store s = StoreFactory.open(store())) {
            assertThat(s.trial(id).orElseThrow().state()).isEqualTo(TrialState.CANCELLED);
            assertThat(s.trial(id).orElseThrow().failureReason()).isEqualTo("cancelled by the command line");
        }
        TrainCommandTest.Result again = TrainCommandTest.run("cancel", "c/1", "--store", store());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("trial c/1 is CANCELLED already");
        assertThat(TrainCommandTest.run("cancel", "c/9", "--store", store()).code()).isEqualTo(2);
    }

    @Test
    void pauseAndContinueSayWhatTheyDidAndAreStoredWithTheCampaign() throws Exception {
        campaign("c", 5);
        TrainCommandTest.Result paused = TrainCommandTest.run("pause", "c", "--store", store());
        assertThat(paused.code()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("campaign c paused: its workers claim no new trials");
        try (Store s = StoreFactory.open(store())) {
            assertThat(s.campaign("c").orElseThrow().paused()).isTrue();
        }
        assertThat(TrainCommandTest.run("pause", "c", "--store", store()).out()).contains("is paused already");
        TrainCommandTest.Result go = TrainCommandTest.run("continue", "c", "--store", store());
        assertThat(go.out()).contains("campaign c continues");
        try (Store s = StoreFactory.open(store())) {
            assertThat(s.campaign("c").orElseThrow().paused()).isFalse();
        }
        TrainCommandTest.Result none = TrainCommandTest.run("pause", "nope", "--store", store());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no campaign named \"nope\"");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aResumeWithALargerTrialBudgetRunsAnEndedCampaignOn() throws Exception {
        campaign("r", 1);
        try (Store s = StoreFactory.open(store())) {
            s.start("r", Map.of("learning_rate", 0.003), "w", "cpu").fail("boom", null);
            s.endCampaign("r", "trial budget of 1 reached");
        }
        TrainCommandTest.Result below = TrainCommandTest.run("search", "--resume", "r", "--store", store(),
                "--max-trials", "0");
        assertThat(below.code()).isEqualTo(2);
        assertThat(below.err()).contains("--max-trials must be at least 1");
        TrainCommandTest.Result r = TrainCommandTest.run("search", "--resume", "r", "--store", store(),
                "--artifacts", dir.resolve("artifacts").toString(), "--slots", "1", "--max-trials", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("campaign r: budget now max_trials 2")
                .contains("campaign r had ended (trial budget of 1 reached); it goes on with the new budget")
                .contains("campaign r ended: trial budget of 2 reached");
        try (Store s = StoreFactory.open(store())) {
            assertThat(s.countByState("r").get(TrialState.COMPLETE)).isEqualTo(1);
            assertThat(s.campaign("r").orElseThrow().budget()).isEqualTo(2);
        }
    }
}
