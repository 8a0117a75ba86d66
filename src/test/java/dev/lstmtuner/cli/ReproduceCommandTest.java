package dev.lstmtuner.cli;

import java.util.Locale;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The best configuration round trip: train, store, best, train again, reproduce, export. */
class ReproduceCommandTest {
    @TempDir
    Path dir;

    private String store() {
        return dir.resolve("store").toString();
    }

    private TrainCommandTest.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--store", store()));
        return TrainCommandTest.run(all.toArray(String[]::new));
    }

    private TrainCommandTest.Result trainTiny(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--name", name, "--artifacts", dir.resolve("art").toString(),
                "--set", "max_rows=1200", "--set", "features=[\"log_return_1\",\"hl_range\",\"rsi_14\"]",
                "--set", "time_steps=8", "--set", "units=[4]", "--set", "dense_units=0", "--set", "max_epochs=2",
                "--set", "dropout=0.1"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private Trial trial(String campaign) {
        try (Store s = StoreFactory.open(store())) {
            return s.trial(campaign, 1).orElseThrow();
        }
    }

    @Test
    void bestConfigTrainedAgainGivesIdenticalMetrics() throws Exception {
        assertThat(trainTiny("first").code()).isZero();
        Path best = dir.resolve("best.json");
        TrainCommandTest.Result b = run("best", "first", "--config-out", best.toString());
        assertThat(b.code()).as(b.err()).isZero();
        TrainCommandTest.Result again = run("train", "--config", best.toString(), "--name", "second",
                "--artifacts", dir.resolve("art").toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(trial("second").metrics()).usingRecursiveComparison().ignoringFields("trainingSeconds")
                .withComparatorForType(Double::compare, Double.class)
                .isEqualTo(trial("first").metrics());
        assertThat(trial("second").objective()).isEqualTo(trial("first").objective());
    }

    @Test
    void reproduceGivesTheIdenticalVerdictAndRecordsALinkedRun() {
        assertThat(trainTiny("orig").code()).isZero();
        TrainCommandTest.Result r = run("reproduce", "orig/1", "--artifacts", dir.resolve("art").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("verdict: identical");
        try (Store s = StoreFactory.open(store())) {
            var linked = s.campaigns().stream().filter(c -> c.campaign().name().startsWith("reproduce-orig-1-")).toList();
            assertThat(linked).hasSize(1);
            assertThat(linked.get(0).campaign().settingsJson()).contains("\"reproduces\":\"orig/1\"");
        }
    }

    @Test
    void reproduceRefusesDifferentDataUnlessForced() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = 0; i < 1300; i++) {
            double p = 100 + Math.sin(i / 7.0) * 3 + i * 0.01;
            csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%d%n", 1_640_995_200_000L + i * 60_000L,
                    p, p + 0.5, p - 0.5, p + 0.1, 10 + i % 5));
        }
        Path other = Files.writeString(dir.resolve("other.csv"), csv.toString());
        assertThat(trainTiny("fp").code()).isZero();
        TrainCommandTest.Result refused = run("reproduce", "fp/1", "--data", other.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("data differs").contains("--force");
        TrainCommandTest.Result forced = run("reproduce", "fp/1", "--data", other.toString(), "--force",
                "--artifacts", dir.resolve("art").toString());
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("data differs").contains("verdict: differs");
    }

    @Test
    void exportModelWritesAManifestAndRefusesMissingOrChangedFiles() throws Exception {
        assertThat(trainTiny("exp").code()).isZero();
        Path out = dir.resolve("model");
        String art = dir.resolve("art").toString();
        TrainCommandTest.Result elsewhere = run("export-model", "exp/1", "--out", out.toString(), "--artifacts",
                dir.resolve("other").toString());
        assertThat(elsewhere.code()).isEqualTo(2);
        assertThat(elsewhere.err()).contains("outside the artifacts folder").contains("--artifacts");
        TrainCommandTest.Result e = run("export-model", "exp/1", "--out", out.toString(), "--artifacts", art);
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(out.resolve("manifest.json")).exists();
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"model.zip\"").contains("\"provenance\"");
        TrainCommandTest.Result p = TrainCommandTest.run("predict", "--model", out.toString());
        assertThat(p.code()).as(p.err()).isZero();

        Path src = dir.resolve("art").resolve("exp").resolve("1").resolve("model.zip");
        Files.writeString(src, "not a model");
        TrainCommandTest.Result changed = run("export-model", "exp/1", "--out", dir.resolve("m2").toString(), "--artifacts", art);
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("checksum mismatch");
        Files.delete(src);
        TrainCommandTest.Result missing = run("export-model", "exp/1", "--out", dir.resolve("m3").toString(), "--artifacts", art);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("missing");
    }

    @Test
    void seedsReportMeanAndSpread() {
        assertThat(trainTiny("sd").code()).isZero();
        TrainCommandTest.Result r = run("reproduce", "sd/1", "--seeds", "3", "--artifacts", dir.resolve("art").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 seeds of sd/1").contains("MEAN").contains("SD").contains("best val RMSE");
    }
}
