package dev.lstmtuner.cli;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.train.ModelBundle;
import dev.lstmtuner.train.TrialRunner;

import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PredictCommandTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static RunConfig config;
    static Path model;

    @BeforeAll
    static void saveATinyModel() {
        config = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("max_rows", 1200,
                "features", List.of("log_return_1", "hl_range"), "time_steps", 8, "units", List.of(4),
                "dense_units", 0, "dropout", 0.0, "max_epochs", 2, "patience", 0), "test");
        TrialRunner.Outcome o = TrialRunner.run(config, TrialRunner.prepare(config),
                m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
        model = shared.resolve("model");
        ModelBundle.writeModel(model, o.network(), o.prepared().dataset(), config);
    }

    private static Series data() {
        return DataSource.load(null, GapPolicy.SKIP_WINDOWS, config.maxRows()).series();
    }

    @Test
    void predictPrintsTheNextStepForecastAndTheRecentErrorBesidePersistence() {
        Series s = data();
        long next = s.timeMs()[s.size() - 1] + s.intervalMs();
        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", model.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("forecast for " + Fmt.utc(next) + " (1 bar after " + Fmt.utc(next - s.intervalMs()))
                .contains("recent error on the last 100 windows").contains("persistence").contains("RMSE")
                .contains("skill vs persistence").doesNotContain("the last 1 forecasts");
    }

    @Test
    void predictCutsTheModelsOwnDataToItsFromToAndTheOptionsOverrideThem() {
        Series s = data();
        long end = s.timeMs()[s.size() - 300];
        RunConfig cut = ConfigLoader.withOverrides(config, Map.of("to", Instant.ofEpochMilli(end).toString(),
                "max_epochs", 1), "test");
        TrialRunner.Outcome o = TrialRunner.run(cut, TrialRunner.prepare(cut), m -> EpochListener.Verdict.CONTINUE,
                (e, b, n, t) -> { });
        Path saved = dir.resolve("cut");
        ModelBundle.writeModel(saved, o.network(), o.prepared().dataset(), cut);

        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", saved.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("forecast for " + Fmt.utc(end + s.intervalMs()) + " (1 bar after " + Fmt.utc(end))
                .contains("(the model's from/to)");
        long later = s.timeMs()[s.size() - 100];
        TrainCommandTest.Result moved = TrainCommandTest.run("predict", "--model", saved.toString(), "--to",
                Instant.ofEpochMilli(later).toString());
        assertThat(moved.code()).as(moved.err()).isEqualTo(0);
        assertThat(moved.out()).contains("forecast for " + Fmt.utc(later + s.intervalMs()));
        TrainCommandTest.Result bad = TrainCommandTest.run("predict", "--model", saved.toString(), "--from", "yesterday");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--from/--to").contains("\"from\"").contains("ISO date");
    }

    @Test
    void lastPrintsThatManyForecastsWithTheNewestOutcomeUnknown() {
        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", model.toString(), "--last", "3");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        String table = r.out().substring(r.out().indexOf("the last 3 forecasts:"), r.out().indexOf("recent error"));
        List<String> rows = table.lines().filter(l -> l.startsWith("  20")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2)).endsWith(" -");
        assertThat(rows.get(1)).doesNotEndWith(" -");
    }

    @Test
    void outWritesEveryForecastAsCsvWithTimestampsAndActuals() throws Exception {
        Path csv = dir.resolve("out/forecasts.csv");
        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", model.toString(), "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("anchor_time,target_time,last_close,predicted_close,actual_close");
        Series s = data();
        String[] lastRow = lines.get(lines.size() - 1).split(",", -1);
        assertThat(Instant.parse(lastRow[0]).toEpochMilli()).isEqualTo(s.timeMs()[s.size() - 1]);
        assertThat(Instant.parse(lastRow[1]).toEpochMilli()).isEqualTo(s.timeMs()[s.size() - 1] + s.intervalMs());
        assertThat(lastRow[4]).isEmpty();
        String[] before = lines.get(lines.size() - 2).split(",", -1);
        assertThat(Double.parseDouble(before[4])).isEqualTo(s.close()[s.size() - 1]);
        assertThat(r.out()).contains("wrote " + (lines.size() - 1) + " forecasts");
    }

    @Test
    void badDataCsvExitsWithCodeTwoNamingTheLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("new.csv"), "timestamp,open,high,low,close,volume\n"
                + "2022-01-01T00:00:00Z,10,11,9,10.5,100\n"
                + "2022-01-01T01:00:00Z,10,11,9,oops,100\n");
        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", model.toString(), "--data", csv.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("new.csv").contains("line 3");
    }

    @Test
    void missingModelFileExitsWithCodeTwoNamingIt() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        for (String f : List.of(ModelBundle.PREPROCESSING, ModelBundle.CONFIG, "manifest.json")) {
            Files.copy(model.resolve(f), broken.resolve(f));
        }
        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", broken.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("model.zip").contains("missing");
    }

    @Test
    void hourlyBarsFedToAMinuteModelWarnAndStrictRefuses() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = 0; i < 300; i++) {
            double c = 100 + Math.sin(i / 5.0) * 2;
            csv.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%.3f,%.3f,10%n",
                    1_640_995_200_000L + i * 3_600_000L, c, c + 0.5, c - 0.5, c));
        }
        Path hourly = Files.writeString(dir.resolve("hourly.csv"), csv.toString());
        TrainCommandTest.Result warned = TrainCommandTest.run("predict", "--model", model.toString(), "--data", hourly.toString());
        assertThat(warned.code()).as(warned.err()).isZero();
        assertThat(warned.err()).contains("warning: ").contains("1h bars but the model was trained on 1m bars");
        TrainCommandTest.Result strict = TrainCommandTest.run("predict", "--model", model.toString(), "--data",
                hourly.toString(), "--strict");
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err()).contains("1h bars").doesNotContain("forecast for");
        assertThat(strict.out()).doesNotContain("forecast for");
    }

    @Test
    void modelOptionIsRequired() {
        TrainCommandTest.Result r = TrainCommandTest.run("predict");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model");
    }
}
