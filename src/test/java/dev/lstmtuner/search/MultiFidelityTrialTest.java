package dev.lstmtuner.search;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.FidelityStep;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataReport;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.TestSeries;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.TrialRunner;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A multi-fidelity campaign's trial end to end: its config's schedule, what it records, what the pruners see. */
class MultiFidelityTrialTest {
    private static final Series WALK = TestSeries.randomWalk(1000, 5);
    private static final LoadedData BARS = new LoadedData(WALK, DataReport.of(WALK));
    private final Store store = new InMemoryStore();

    private CampaignPlan campaign(String pruner) {
        Experiment e = ExperimentLoader.parse("{\"name\": \"mf\", \"config\": {\"features\": [\"log_return_1\", "
                + "\"hl_range\"], \"time_steps\": 8, \"units\": [4], \"dense_units\": 0, \"max_epochs\": 7, "
                + "\"patience\": 0, \"batch_size\": 32}, \"space\": {\"params\": {\"learning_rate\": {\"type\": \"float\", "
                + "\"low\": 0.001, \"high\": 0.01}}}, \"sampler\": \"random\", \"pruner\": " + pruner
                + ", \"budget\": {\"max_trials\": 5}}", "test", null);
        store.createCampaign(new CampaignSpec("mf", ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                e.pruner(), 5, e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
        return CampaignPlan.of(store.campaign("mf").orElseThrow());
    }

    @Test
    void aTrialTrainsByThePrunersScheduleRecordsItAndThePrunersSeeIt() {
        CampaignPlan plan = campaign("{\"type\": \"asha\", \"fidelity\": \"recent\"}");
        Map<String, Object> params = Map.of("learning_rate", 0.005);
        RunConfig c = plan.configFor(params, 1);
        // rungs 2 and 6 prune before epoch 7: epochs 1-2 on the last third of the windows, the rest on all
        assertThat(c.fidelity()).containsExactly(new FidelityStep(2, 1 / 3.0));

        TrialHandle h = store.start("mf", params, "w", "cpu");
        TrialExecutor.Outcome o = new TrialExecutor(store, 60_000).execute(h, new TrialExecutor.Plan(c, plan.pruner(),
                Objective.VAL_RMSE, plan.experiment().direction(), null, false), x -> TrialRunner.prepare(x, BARS),
                null, null);
        assertThat(o.state()).isEqualTo(TrialState.COMPLETE);
        List<EpochMetrics> epochs = store.epochs(List.of(h.trialId())).get(h.trialId());
        assertThat(epochs).extracting(EpochMetrics::fidelity)
                .containsExactly(1 / 3.0, 1 / 3.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        // the recorded config carries the schedule, so reproduce trains it the same way
        assertThat(ConfigLoader.parse(store.report(h.trialId()).orElseThrow().provenance().configJson(), "provenance")
                .fidelity()).isEqualTo(c.fidelity());

        CampaignHistory history = new CampaignHistory(store, "mf", Objective.VAL_RMSE);
        history.refresh();
        PastTrial seen = history.past().get(0);
        assertThat(List.of(1, 2, 3, 7)).extracting(seen::fidelityAt).containsExactly(1 / 3.0, 1 / 3.0, 1.0, 1.0);
        assertThat(seen.millisAt(3)).isEqualTo((double) epochs.get(2).durationMs());
    }

    @Test
    void aPlainAshaCampaignLeavesTheConfigAsItWas() {
        CampaignPlan plan = campaign("\"asha\"");
        assertThat(plan.configFor(Map.of("learning_rate", 0.005), 1).fidelity()).isNull();
    }
}
