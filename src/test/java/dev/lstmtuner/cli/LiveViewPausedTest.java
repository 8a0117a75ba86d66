package dev.lstmtuner.cli;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.Budget;
import dev.lstmtuner.search.CampaignPlan;
import dev.lstmtuner.search.Coordinator;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.search.Steering;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The search's progress line says when the campaign is paused, and how to let it go on. */
class LiveViewPausedTest {
    private static final String CONTINUE = "lstm-tuner continue c --store jdbc:h2:file:/tmp/x";

    private static Coordinator.Status status(boolean paused) {
        Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) counts.put(s, 0L);
        counts.put(TrialState.WAITING, 3L);
        return new Coordinator.Status(counts, 3, null, false, null, 1.5, paused);
    }

    @Test
    void aPausedCampaignsLineSaysPausedWithTheContinueCommandAndARunningOneDoesNot() {
        StringWriter text = new StringWriter();
        LiveView view = new LiveView(new PrintWriter(text), true, "c", new Budget(10, null, 5), 2, null, CONTINUE);
        view.show(status(false), 2);
        assertThat(text.toString()).doesNotContain("PAUSED");
        view.show(status(true), 2);
        assertThat(text.toString()).contains("c PAUSED (" + CONTINUE + ") | running 0");
    }

    @Test
    void inALogAPauseAndAContinueArePrintedAtOnceNotAfterTheQuarterMinute() {
        StringWriter text = new StringWriter();
        LiveView view = new LiveView(new PrintWriter(text), false, "c", new Budget(10, null, 5), 2, null, CONTINUE);
        view.show(status(false), 2);
        view.show(status(false), 2);
        assertThat(text.toString().lines().filter(l -> l.startsWith("c ")).count()).as("unchanged: once per 15 s")
                .isEqualTo(1);
        view.show(status(true), 2);
        view.show(status(false), 2);
        assertThat(text.toString().lines().filter(l -> l.startsWith("c ")).toList()).hasSize(3)
                .element(1).asString().contains("PAUSED");
        assertThat(text.toString().lines().filter(l -> l.startsWith("c ")).toList().get(2)).doesNotContain("PAUSED");
    }

    @Test
    void theCoordinatorsStepSeesAPauseAndAContinueWrittenFromAnotherTerminal() {
        Store store = new InMemoryStore();
        Experiment e = ExperimentLoader.parse("{\"name\": \"c\", \"config\": {\"max_rows\": 1200}, \"space\": {\"params\":"
                + " {\"learning_rate\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.01}}}, \"sampler\": \"random\","
                + " \"budget\": {\"max_trials\": 4}}", "test", null);
        store.createCampaign(new CampaignSpec("c", ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                e.pruner(), 4, e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
        Coordinator coordinator = new Coordinator(store, CampaignPlan.of(store.campaign("c").orElseThrow()), 8,
                Duration.ofMinutes(1), 0);
        assertThat(coordinator.step().paused()).isFalse();
        Steering.pause(store, "c", true);
        assertThat(coordinator.step().paused()).isTrue();
        Steering.pause(store, "c", false);
        assertThat(coordinator.step().paused()).isFalse();
    }
}
