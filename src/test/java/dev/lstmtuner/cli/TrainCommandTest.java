package dev.lstmtuner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void unknownConfigKeyExitsWithCodeTwoAndNamesTheKey() throws Exception {
        Path cfg = Files.writeString(dir.resolve("bad.json"), "{\"unitz\": [32]}");
        Result r = run("train", "--config", cfg.toString(), "--no-store");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json").contains("\"unitz\"").contains("did you mean \"units\"");
    }

    @Test
    void malformedCsvExitsWithCodeTwoAndNamesTheLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("prices.csv"), "timestamp,open,high,low,close,volume\n"
                + "2022-01-01T00:00:00Z,10,11,9,10.5,100\n"
                + "2022-01-01T01:00:00Z,10,11,9,abc,100\n");
        Result r = run("train", "--data", csv.toString(), "--no-store");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("prices.csv").contains("line 3").contains("close");
    }

    @Test
    void tooFewRowsForTheWindowExitsWithCodeTwo() throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = 0; i < 160; i++) {
            sb.append(String.format("%d,10,11,9,10.%d,100%n", 1_640_995_200_000L + i * 3_600_000L, i % 10));
        }
        Path csv = Files.writeString(dir.resolve("short.csv"), sb.toString());
        Result r = run("train", "--data", csv.toString(), "--no-store");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("time_steps");
    }

    @Test
    void outOfRangeSetValueExitsWithCodeTwo() {
        Result r = run("train", "--set", "dropout=2", "--no-store");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("\"dropout\"");
    }

    @Test
    void trainPrintsModelAndPersistenceMetricsSideBySide() {
        Result r = run("train", "--no-store", "--set", "max_rows=1200", "--set", "features=[\"log_return_1\",\"hl_range\"]",
                "--set", "time_steps=8", "--set", "units=[4]", "--set", "dense_units=0", "--set", "max_epochs=2");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("persistence").contains("RMSE").contains("skill vs persistence")
                .contains("epoch   2/2").contains("gaps: none");
    }
}
