package dev.lstmtuner.train;

import java.time.Instant;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.Intervals;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.result.EpochListener;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PredictorTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static RunConfig config;
    static TrialRunner.Outcome outcome;
    /** The saved trial: model, preprocessing, config and predictions.csv. */
    static Path bundle;

    @BeforeAll
    static void trainTinyModel() {
        config = TrainerTest.tiny(Map.of("max_epochs", 2));
        outcome = TrialRunner.run(config, TrialRunner.prepare(config), m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
        bundle = shared.resolve("trial");
        ModelBundle.writeModel(bundle, outcome.network(), outcome.prepared().dataset(), config);
        ModelBundle.writePredictions(bundle, outcome.evaluation().forecast());
    }

    private static Series sameData() {
        return DataSource.load(config.data(), GapPolicy.parse(config.gapPolicy()), config.maxRows()).series();
    }

    /** A copy of the bundle that a test may damage. */
    private Path copy() throws IOException {
        Path c = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(bundle)) {
            for (Path f : files.toList()) Files.copy(f, c.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return c;
    }

    @Test
    void predictingTheTrainingDataReproducesTheStoredTestPredictionsExactly() throws IOException {
        Predictor.Forecast f = Predictor.load(bundle).predict(sameData());
        Map<Long, Integer> byTime = new HashMap<>();
        for (int k = 0; k < f.n(); k++) byTime.put(f.anchorTimeMs()[k], k);

        List<String> lines = Files.readAllLines(bundle.resolve(ModelBundle.PREDICTIONS));
        assertThat(lines.get(0)).endsWith(",last_close,predicted,actual");
        assertThat(lines).hasSize(outcome.prepared().dataset().test().n() + 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            Integer k = byTime.get(anchorMs(c[0]));
            assertThat(k).as("anchor %s", c[0]).isNotNull();
            assertThat(f.predicted()[k]).as("predicted at %s", c[0]).isEqualTo(Double.parseDouble(c[2]));
            assertThat(f.lastClose()[k]).isEqualTo(Double.parseDouble(c[1]));
            assertThat(f.actual()[k]).isEqualTo(Double.parseDouble(c[3]));
        }
    }

    /** The anchor column: epoch milliseconds or ISO-8601 UTC, whichever predictions.csv holds. */
    private static long anchorMs(String cell) {
        return cell.chars().allMatch(Character::isDigit) ? Long.parseLong(cell) : Instant.parse(cell).toEpochMilli();
    }

    @Test
    void theLastForecastIsForTheBarAfterTheDataEnds() {
        Series s = sameData();
        Predictor p = Predictor.load(bundle);
        Predictor.Forecast f = p.predict(s);
        int last = f.n() - 1;
        int h = p.preprocessing().horizon();
        assertThat(f.anchorTimeMs()[last]).isEqualTo(s.timeMs()[s.size() - 1]);
        assertThat(f.targetTimeMs()[last]).isEqualTo(s.timeMs()[s.size() - 1] + h * s.intervalMs());
        assertThat(f.lastClose()[last]).isEqualTo(s.close()[s.size() - 1]);
        assertThat(f.hasActual(last)).isFalse();
        assertThat(f.predicted()[last]).isFinite().isPositive();
        // the window h bars earlier is judged against the last close
        assertThat(f.actual()[last - h]).isEqualTo(s.close()[s.size() - 1]);
    }

    @Test
    void preprocessingReadsBackBitIdentical() throws IOException {
        Preprocessing written = Preprocessing.of(outcome.prepared().dataset());
        Preprocessing read = Preprocessing.parse(Files.readString(bundle.resolve(ModelBundle.PREPROCESSING)), "p");
        assertThat(read.features()).isEqualTo(written.features());
        assertThat(read.featureScaler().shift()).containsExactly(written.featureScaler().shift());
        assertThat(read.featureScaler().scale()).containsExactly(written.featureScaler().scale());
        assertThat(read.targetScaler().shift()).containsExactly(written.targetScaler().shift());
        assertThat(read.targetScaler().scale()).containsExactly(written.targetScaler().scale());
        assertThat(List.of(read.timeSteps(), read.horizon(), read.target()))
                .isEqualTo(List.of(written.timeSteps(), written.horizon(), written.target()));
    }

    @Test
    void missingModelFileIsRefusedNamingTheFile() throws IOException {
        Path c = copy();
        Files.delete(c.resolve(ModelBundle.MODEL));
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("model.zip").hasMessageContaining("missing");
    }

    @Test
    void missingPreprocessingIsRefusedNamingTheFile() throws IOException {
        Path c = copy();
        Files.delete(c.resolve(ModelBundle.PREPROCESSING));
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("preprocessing.json").hasMessageContaining("missing");
    }

    @Test
    void corruptModelFileIsRefused() throws IOException {
        Path c = copy();
        Files.writeString(c.resolve(ModelBundle.MODEL), "not a zip");
        reseal(c);
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("model.zip").hasMessageContaining("corrupt");
    }

    @Test
    void truncatedPreprocessingJsonIsRefusedWithTheLine() throws IOException {
        Path c = copy();
        Path pre = c.resolve(ModelBundle.PREPROCESSING);
        String text = Files.readString(pre);
        Files.writeString(pre, text.substring(0, text.length() / 2));
        reseal(c);
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("preprocessing.json").hasMessageContaining("not valid JSON at line")
                .hasMessageContaining("export the trial again");
    }

    @Test
    void scalerOfTheWrongShapeIsRefused() throws IOException {
        Path c = copy();
        Path pre = c.resolve(ModelBundle.PREPROCESSING);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) ConfigLoader.mapper().readTree(pre.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("feature_scaler").get("scale")).remove(0);
        Files.writeString(pre, json.toPrettyString());
        reseal(c);
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"feature_scaler.scale\" has 3 values but 4 are needed");
    }

    @Test
    void featureCountNotMatchingTheNetworkIsRefused() throws IOException {
        Path c = copy();
        Path pre = c.resolve(ModelBundle.PREPROCESSING);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) ConfigLoader.mapper().readTree(pre.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("features")).remove(3);
        for (String field : List.of("shift", "scale")) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("feature_scaler").get(field)).remove(3);
        }
        Files.writeString(pre, json.toPrettyString());
        reseal(c);
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("lists 3 features but the network").hasMessageContaining("takes 4");
    }

    @Test
    void aFileChangedSinceExportFailsTheManifestChecksum() throws IOException {
        Path c = copy();
        String model = ModelBundle.sha256(c.resolve(ModelBundle.MODEL));
        String pre = ModelBundle.sha256(c.resolve(ModelBundle.PREPROCESSING));
        String cfg = ModelBundle.sha256(c.resolve(ModelBundle.CONFIG));
        Files.writeString(c.resolve("manifest.json"), "{\"files\": {\"model.zip\": \"" + model
                + "\", \"preprocessing.json\": \"" + pre + "\", \"config.json\": \"" + cfg + "\"}}");
        assertThat(Predictor.load(c).preprocessing().features()).hasSize(4);

        Files.writeString(c.resolve(ModelBundle.PREPROCESSING), Files.readString(c.resolve(ModelBundle.PREPROCESSING)) + "\n");
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("preprocessing.json: checksum mismatch: the file changed since export")
                .hasMessageContaining("export the trial again");
    }

    @Test
    void aFolderWithoutAManifestIsRefusedInsteadOfSkippingTheChecksums() throws IOException {
        Path c = copy();
        Files.delete(c.resolve("manifest.json"));
        Path pre = c.resolve(ModelBundle.PREPROCESSING);
        Files.writeString(pre, Files.readString(pre) + "\n"); // an edit nothing would notice without the manifest
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("manifest.json: missing").hasMessageContaining("export the trial again");
    }

    @Test
    void aManifestThatLeavesOutANeededFileIsRefused() throws IOException {
        Path c = copy();
        String model = ModelBundle.sha256(c.resolve(ModelBundle.MODEL));
        Files.writeString(c.resolve("manifest.json"), "{\"files\": {\"model.zip\": \"" + model + "\"}}");
        assertThatThrownBy(() -> Predictor.load(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not list preprocessing.json");
    }

    @Test
    void theBundleRecordsTheTrainingBarIntervalAndNamesAMismatch() {
        Predictor p = Predictor.load(bundle);
        Series same = sameData();
        assertThat(p.barIntervalMs()).isEqualTo(same.intervalMs());
        assertThat(p.intervalMismatch(same)).isNull();
        Series hourly = new Series("hourly.csv", 3_600_000L, same.timeMs(), same.open(), same.high(), same.low(),
                same.close(), same.volume(), same.gaps());
        assertThat(p.intervalMismatch(hourly)).contains("hourly.csv has 1h bars")
                .contains("trained on " + Intervals.human(same.intervalMs()) + " bars");
    }

    /** Rewrites the manifest after a deliberate change, so that the check behind the checksums is reached. */
    private static void reseal(Path c) throws IOException {
        StringBuilder files = new StringBuilder();
        for (String f : List.of(ModelBundle.MODEL, ModelBundle.PREPROCESSING, ModelBundle.CONFIG)) {
            if (files.length() > 0) files.append(", ");
            files.append('"').append(f).append("\": \"").append(ModelBundle.sha256(c.resolve(f))).append('"');
        }
        Files.writeString(c.resolve("manifest.json"), "{\"files\": {" + files + "}}");
    }
}
