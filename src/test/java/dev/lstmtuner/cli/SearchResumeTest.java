package dev.lstmtuner.cli;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A resume after Ctrl-C first says what it resumes, then runs the re-queued trial. */
class SearchResumeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aResumeAfterAnInterruptionSaysWhatItResumes() throws Exception {
        String store = dir.resolve("store").toString();
        Path exp = Files.writeString(dir.resolve("r.json"), "{\"name\": \"r\", \"config\": {\"max_rows\": 1200, "
                + "\"features\": [\"log_return_1\", \"hl_range\"], \"time_steps\": 8, \"units\": [4], \"dense_units\": 0, "
                + "\"max_epochs\": 1, \"patience\": 0}, \"space\": {\"params\": {\"learning_rate\": {\"type\": \"float\", "
                + "\"low\": 0.001, \"high\": 0.01}}}, \"sampler\": \"random\", \"budget\": {\"max_trials\": 1}}");
        Experiment e = ExperimentLoader.load(exp);
        try (Store s = StoreFactory.open(store)) {
            s.createCampaign(new CampaignSpec("r", ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                    e.pruner(), 1, e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
            s.enqueue("r", Map.of("learning_rate", 0.003));
            s.claimNext("r", "w-pid1", "cpu").orElseThrow().interrupt("interrupted: Ctrl-C; re-queued");
        }
        TrainCommandTest.Result r = TrainCommandTest.run("search", "--resume", "r", "--store", store,
                "--artifacts", dir.resolve("artifacts").toString(), "--slots", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElse(""))
                .isEqualTo("resuming campaign r: 1 waiting, 1 failed (1 re-queued after an interruption or a lost worker)");
        try (Store s = StoreFactory.open(store)) {
            assertThat(s.countByState("r").get(TrialState.COMPLETE)).isEqualTo(1);
        }
    }
}
