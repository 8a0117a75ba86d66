package dev.lstmtuner.search;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.TrialRunner;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Steering a running campaign: a cancelled trial stops at its next epoch and is no failure; pause; a new budget. */
class SteeringTest {
    private static final String SPACE = "{\"params\": {\"learning_rate\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.01}}}";
    private final Store store = new InMemoryStore();

    private CampaignPlan campaign(String name, int maxTrials) {
        Experiment e = ExperimentLoader.parse("{\"name\": \"" + name + "\", \"config\": {\"max_rows\": 1200, "
                + "\"features\": [\"log_return_1\", \"hl_range\"], \"time_steps\": 8, \"units\": [4], \"dense_units\": 0, "
                + "\"max_epochs\": 30, \"patience\": 0}, \"space\": " + SPACE + ", \"sampler\": \"random\", "
                + "\"pruner\": \"none\", \"budget\": {\"max_trials\": " + maxTrials + "}}", "test", null);
        store.createCampaign(new CampaignSpec(name, ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                e.pruner(), maxTrials, e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
        return CampaignPlan.of(store.campaign(name).orElseThrow());
    }

    @Test
    void aTrialCancelledWhileItTrainsStopsAtItsNextEpochAsCancelledNotFailed() {
        CampaignPlan plan = campaign("c", 5);
        TrialHandle h = store.start("c", Map.of("learning_rate", 0.005), "w", "cpu");
        EpochListener cancelAfterTheFirstEpoch = m -> {
            if (m.epoch() == 1) Steering.cancel(store, store.trial(h.trialId()).orElseThrow(), "a test");
            return EpochListener.Verdict.CONTINUE;
        };
        TrialExecutor.Outcome o = new TrialExecutor(store, 60_000).execute(h, new TrialExecutor.Plan(
                plan.configFor(Map.of("learning_rate", 0.005), 1), null, Objective.VAL_RMSE,
                plan.experiment().direction(), null, false), TrialRunner::prepare, cancelAfterTheFirstEpoch, null);
        assertThat(o.state()).isEqualTo(TrialState.CANCELLED);
        assertThat(o.requeued()).isFalse();
        assertThat(store.trial(h.trialId()).orElseThrow().state()).isEqualTo(TrialState.CANCELLED);
        assertThat(store.report(h.trialId()).orElseThrow().epochs()).as("stopped at its next epoch of 30").hasSize(1);
        assertThat(store.countByState("c").get(TrialState.WAITING)).as("not re-queued").isZero();
    }

    @Test
    void cancelledTrialsNeitherCountAsFailuresInARowNorBreakTheRun() {
        campaign("c", 10);
        store.start("c", Map.of("learning_rate", 0.002), "w", "cpu").fail("boom", null);
        store.start("c", Map.of("learning_rate", 0.003), "w", "cpu").fail("boom", null);
        TrialHandle cancelled = store.start("c", Map.of("learning_rate", 0.004), "w", "cpu");
        store.cancelTrial(cancelled.trialId(), "cancelled by a test");
        CampaignHistory h = new CampaignHistory(store, "c", Objective.VAL_RMSE);
        h.refresh();
        assertThat(h.failuresInARow()).isEqualTo(2);
        store.start("c", Map.of("learning_rate", 0.005), "w", "cpu").fail("boom", null);
        h.refresh();
        assertThat(h.failuresInARow()).isEqualTo(3);
    }

    @Test
    void aWorkerOfAPausedCampaignClaimsNothingAndTheWaitingTrialStaysWaiting() {
        campaign("c", 5);
        long id = store.enqueue("c", Map.of("learning_rate", 0.005)).id();
        assertThat(Steering.pause(store, "c", true)).startsWith("campaign c paused");
        int done = new Worker(store, "c", "w", "cpu", Path.of("unused"), Duration.ofSeconds(5),
                new PrintWriter(new StringWriter())).run(Duration.ofMillis(700));
        assertThat(done).isZero();
        assertThat(store.trial(id).orElseThrow().state()).isEqualTo(TrialState.WAITING);
        assertThat(Steering.pause(store, "c", false)).startsWith("campaign c continues");
        assertThat(store.claimNext("c", "w", "cpu")).isPresent();
    }

    @Test
    void aRunningCoordinatorPicksUpABudgetExtendedMeanwhile() {
        CampaignPlan plan = campaign("c", 2);
        Coordinator coordinator = new Coordinator(store, plan, 8, Duration.ofMinutes(1), 0);
        assertThat(coordinator.step().draws()).isEqualTo(2);
        assertThat(coordinator.step().draws()).as("the budget holds").isEqualTo(2);
        Budget b = BudgetChange.apply(store, store.campaign("c").orElseThrow(), 5, null);
        assertThat(b.maxTrials()).isEqualTo(5);
        assertThat(coordinator.step().draws()).isEqualTo(5);
        assertThat(store.countByState("c").get(TrialState.WAITING)).isEqualTo(5);
        assertThat(CampaignPlan.of(store.campaign("c").orElseThrow()).experiment().budget().maxTrials())
                .as("every later reader of the campaign sees it").isEqualTo(5);
    }

    @Test
    void aTrialBudgetBelowTheTrialsDrawnIsRefused() {
        CampaignPlan plan = campaign("c", 3);
        new Coordinator(store, plan, 8, Duration.ofMinutes(1), 0).step();
        assertThatThrownBy(() ->
                        BudgetChange.apply(store, store.campaign("c").orElseThrow(), 2, null))
                .hasMessageContaining("below the 3 trials campaign c has drawn already");
        assertThat(store.campaign("c").orElseThrow().budget()).isEqualTo(3);
    }
}
