package dev.lstmtuner.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each family through the user's commands: train (recorded), reproduce, export-model, predict. */
class FamilyRoundTripTest {
    @TempDir
    Path dir;

    private TrainCommandTest.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--store", dir.resolve("store").toString()));
        return TrainCommandTest.run(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({"rnn, model:    RNN [4]", "transformer, model:    TRANSFORMER [4] (2 heads of 4)",
            "linear, model:    linear (ridge regression", "gru, model:    GRU [4]"})
    void aTrialOfTheFamilyIsRecordedReproducedExportedAndPredicts(String model, String printed) {
        TrainCommandTest.Result t = run("train", "--name", "fam", "--artifacts", dir.resolve("art").toString(),
                "--set", "model=" + model, "--set", "max_rows=1200", "--set", "features=[\"log_return_1\",\"hl_range\"]",
                "--set", "time_steps=8", "--set", "units=[4]", "--set", "dense_units=0", "--set", "max_epochs=2",
                "--set", "heads=2", "--set", "head_size=4");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains(printed).doesNotContain("LSTM");

        TrainCommandTest.Result r = run("reproduce", "fam/1", "--artifacts", dir.resolve("art").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("verdict: identical");

        Path out = dir.resolve("exported");
        TrainCommandTest.Result e = run("export-model", "fam/1", "--out", out.toString(), "--artifacts", dir.resolve("art").toString());
        assertThat(e.code()).as(e.err()).isZero();
        TrainCommandTest.Result p = TrainCommandTest.run("predict", "--model", out.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("forecast for").contains("skill vs persistence");
    }
}
