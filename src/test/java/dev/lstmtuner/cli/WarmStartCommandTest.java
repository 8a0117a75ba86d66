package dev.lstmtuner.cli;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** search --warm-start refuses a source on another question with exit 2, before anything is stored. */
class WarmStartCommandTest {
    @TempDir
    Path dir;

    private Path experiment(String name, String target) throws Exception {
        return Files.writeString(dir.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"config\": {\"max_rows\": 1200, "
                + "\"target\": \"" + target + "\", \"max_epochs\": 1}, \"space\": {\"params\": {\"learning_rate\": "
                + "{\"type\": \"float\", \"low\": 0.001, \"high\": 0.01}}}, \"sampler\": \"tpe\", \"budget\": {\"max_trials\": 3}}");
    }

    @Test
    void aSourceWithAnotherTargetIsRefusedAndNothingIsStored() throws Exception {
        String store = dir.resolve("store").toString();
        Experiment quick = ExperimentLoader.load(experiment("quick", "log_return"));
        try (Store s = StoreFactory.open(store)) {
            s.createCampaign(new CampaignSpec("quick", ConfigLoader.toJson(quick.base()), quick.spaceJson(),
                    quick.sampler(), quick.pruner(), 3, quick.objective(), quick.direction(),
                    ExperimentLoader.resolvedJson(quick), null));
        }
        TrainCommandTest.Result r = TrainCommandTest.run("search", "--experiment", experiment("next", "close").toString(),
                "--warm-start", "quick", "--store", store, "--slots", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("warm_start from campaign \"quick\" refused: target log_return there, close here");
        try (Store s = StoreFactory.open(store)) {
            assertThat(s.campaign("next")).isEmpty();
        }
        TrainCommandTest.Result noExperiment = TrainCommandTest.run("search", "--resume", "quick", "--warm-start", "quick",
                "--store", store);
        assertThat(noExperiment.code()).isEqualTo(2);
        assertThat(noExperiment.err()).contains("--warm-start starts a new campaign from an earlier one");
    }
}
