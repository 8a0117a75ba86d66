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
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search whose experiment cannot run is refused before anything is stored: exit 2, one line naming the key or
 * file, and no campaign left behind to block the fixed file with "already exists". No trial is trained here.
 */
class SearchValidationTest {
    @TempDir
    Path dir;

    private static final String SPACE = "{\"params\": {\"time_steps\": {\"type\": \"categorical\", \"values\": [8, %s]}}}";

    private Path experiment(String name, String extra, String timeSteps) throws Exception {
        String json = "{\"name\": \"" + name + "\", \"config\": {\"max_rows\": 600, \"units\": [4], \"max_epochs\": 1"
                + extra + "}, \"space\": " + String.format(SPACE, timeSteps) + ", \"sampler\": \"random\", "
                + "\"budget\": {\"max_trials\": 2}}";
        return Files.writeString(dir.resolve(name + ".json"), json);
    }

    private TrainCommandTest.Result search(Path exp) {
        return TrainCommandTest.run("search", "--experiment", exp.toString(), "--store", dir.resolve("store").toString(),
                "--artifacts", dir.resolve("artifacts").toString(), "--slots", "1");
    }

    private void assertNothingStored() {
        if (!Files.exists(dir.resolve("store.mv.db"))) return;
        try (Store s = StoreFactory.open(dir.resolve("store").toString())) {
            assertThat(s.campaigns()).isEmpty();
        }
    }

    @Test
    void anUnknownSamplerLeavesNoCampaignBehind() throws Exception {
        Path exp = Files.writeString(dir.resolve("e.json"), Files.readString(experiment("e", "", "16"))
                .replace("\"sampler\": \"random\"", "\"sampler\": \"nope\""));
        TrainCommandTest.Result r = search(exp);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown sampler \"nope\"");
        assertNothingStored();
    }

    @Test
    void anUnknownPrunerOptionLeavesNoCampaignBehind() throws Exception {
        Path exp = Files.writeString(dir.resolve("e.json"), Files.readString(experiment("e", "", "16"))
                .replace("\"sampler\": \"random\"", "\"sampler\": \"random\", \"pruner\": {\"type\": \"median\", \"warmup\": 2}"));
        TrainCommandTest.Result r = search(exp);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option \"warmup\"");
        assertNothingStored();
    }

    @Test
    void aMissingDataFileIsRefusedBeforeAnyTrial() throws Exception {
        TrainCommandTest.Result r = search(experiment("e", ", \"data\": \"" + dir.resolve("nope.csv") + "\"", "16"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.csv").contains("not found");
        assertNothingStored();
    }

    @Test
    void aDirectoryAsDataIsRefusedBeforeAnyTrial() throws Exception {
        TrainCommandTest.Result r = search(experiment("e", ", \"data\": \"" + dir + "\"", "16"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is a directory");
        assertNothingStored();
    }

    @Test
    void aSpaceCornerLongerThanTheDataIsRefusedNamingTheCorner() throws Exception {
        TrainCommandTest.Result r = search(experiment("e", "", "590"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("time_steps=590").contains("every trial");
        assertNothingStored();
    }

    @Test
    void aTrialBudgetBeyondAnIntIsRefusedNotWrapped() throws Exception {
        Path exp = Files.writeString(dir.resolve("e.json"), Files.readString(experiment("e", "", "16"))
                .replace("\"max_trials\": 2", "\"max_trials\": 4294967297"));
        TrainCommandTest.Result r = search(exp);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("budget.max_trials").contains("out of range");
        assertNothingStored();
    }

    @Test
    void aResumeOfACampaignWhoseDataVanishedIsRefusedAndChangesNothing() throws Exception {
        Path csv = writePrices(dir.resolve("prices.csv"));
        Path exp = experiment("gone", ", \"data\": \"" + csv + "\"", "16");
        try (Store s = StoreFactory.open(dir.resolve("store").toString())) {
            Experiment e = ExperimentLoader.load(exp);
            s.createCampaign(new CampaignSpec("gone", ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                    e.pruner(), 2, e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
        }
        Files.delete(csv);
        TrainCommandTest.Result r = TrainCommandTest.run("search", "--resume", "gone", "--store",
                dir.resolve("store").toString(), "--artifacts", dir.resolve("artifacts").toString(), "--slots", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("campaign gone").contains("prices.csv");
        try (Store s = StoreFactory.open(dir.resolve("store").toString())) {
            assertThat(s.countByState("gone").values()).allMatch(n -> n == 0);
        }
    }

    private Path writePrices(Path csv) throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = 0; i < 600; i++) {
            double c = 100 + Math.sin(i / 7.0) * 3 + i * 0.01;
            sb.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,100%n",
                    1_640_995_200_000L + i * 3_600_000L, c, c + 1, c - 1, c));
        }
        return Files.writeString(csv, sb.toString());
    }
}
