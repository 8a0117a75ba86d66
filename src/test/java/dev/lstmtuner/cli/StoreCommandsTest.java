package dev.lstmtuner.cli;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The store commands end to end over an H2 file, seeded through the Store API (no training). */
class StoreCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    String storeArg;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void seed() throws Exception {
        // a plain file URL (no AUTO_SERVER): each command opens the store afresh, and starting H2's TCP server
        // for every one of them would only slow the test; the default AUTO_SERVER URL is covered by the store tests
        storeArg = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        Path model = Files.writeString(dir.resolve("model.zip"), "weights");
        try (Store store = StoreFactory.open(storeArg)) {
            for (String name : List.of("train-a", "train-b")) {
                store.createCampaign(CampaignSpec.single(name, "{\"units\":[8],\"seed\":7}"));
                TrialHandle h = store.start(name, Map.of(), "host-1", "cpu");
                h.recordProvenance(new Provenance("{\"units\":[8],\"seed\":7}", 7,
                        new DataFingerprint.Fingerprint("f".repeat(64), 1_600_000_000_000L, 1_600_000_600_000L, 11), "0.1.0",
                        "abc123def", "17.0.15", "1.0.0-M2.1", "CPU (AVX2)", "Linux", "amd64", 2, "host-1"));
                for (int e = 1; e <= 15; e++) h.reportEpoch(new EpochMetrics(e, 1.0 / e, 1.1 / e, 100.0 / e, 50));
                h.addArtifact(Artifact.of("model", model));
                h.complete(metrics(name.equals("train-a") ? 12.5 : 9.5), name.equals("train-a") ? 7.0 : 6.0);
            }
            store.createCampaign(new CampaignSpec("search", "{}", "{}", "random", "median", 10, Objective.DEFAULT,
                    Direction.MINIMIZE, null, null));
            for (int i = 0; i < 4; i++) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("batch_size", 16 << i);
                params.put("units", List.of(64, 32));
                TrialHandle h = store.start("search", params, "w", "cpu");
                if (i == 3) h.fail("loss became NaN, at epoch 3", "stack");
                else h.complete(metrics(10 + i), 5.0 - i);
            }
        }
    }

    static FinalMetrics metrics(double rmse) {
        return new FinalMetrics(new ForecastMetrics(rmse * 0.7, rmse, 0.4, 0.5, 0.56),
                new ForecastMetrics(rmse, rmse * 1.2, 0.5, 0.4, 0.5), 0.17, rmse * 0.9, 10_000, 15, 12, 4.2, 300);
    }

    private Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(storeArg);
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(all.toArray(String[]::new));
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void campaignsListsEveryCampaignWithCountsAndBest() throws Exception {
        Result r = run("campaigns");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("NAME", "train-a", "train-b", "search");
        String searchLine = r.out().lines().filter(l -> l.startsWith("search")).findFirst().orElseThrow();
        assertThat(searchLine.split("\\s+")).containsSubsequence("4", "3", "0", "1", "0", "0", "val_rmse", "(min)", "3", "#3");

        JsonNode json = JSON.readTree(run("campaigns", "--json").out());
        assertThat(json).hasSize(3);
        JsonNode search = findByName(json, "search");
        assertThat(search.get("trials_by_state").get("failed").asInt()).isEqualTo(1);
        assertThat(search.get("best").get("number").asInt()).isEqualTo(3);
    }

    private static JsonNode findByName(JsonNode array, String name) {
        for (JsonNode n : array) if (n.get("name").asText().equals(name)) return n;
        throw new AssertionError("no " + name + " in " + array);
    }

    @Test
    void trialsSortsByParamFiltersByStateAndRejectsUnknownKeys() throws Exception {
        Result bySize = run("trials", "search", "--sort", "batch_size", "--order", "desc");
        assertThat(bySize.code()).isZero();
        List<String> rows = bySize.out().lines().filter(l -> l.matches("\\s*\\d+\\s+(COMPLETE|FAILED).*")).toList();
        assertThat(rows).extracting(l -> l.trim().split("\\s+")[0]).containsExactly("3", "2", "1", "4");
        assertThat(bySize.out()).contains("4 of 4 trials");

        JsonNode failed = JSON.readTree(run("trials", "search", "--state", "failed", "--json").out());
        assertThat(failed.get("total").asInt()).isEqualTo(1);
        assertThat(failed.get("trials").get(0).get("failure_reason").asText()).contains("NaN");

        Result bad = run("trials", "search", "--sort", "nonsense");
        assertThat(bad.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(bad.err()).contains("cannot sort", "batch_size", "val_rmse");
    }

    @Test
    void showPrintsMetricsEpochsAndFullProvenance() throws Exception {
        Result r = run("show", "train-a/1");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Trial train-a/1", "COMPLETE", "persistence", "Epochs", "Provenance",
                "abc123def", "f".repeat(64), "CPU (AVX2)", "host-1", "\"seed\":7", "model.zip");
        // 15 epochs are shown compactly: first and last five, with a gap marker
        assertThat(r.out()).contains("…");
        // with the share of the training windows each epoch trained on (all of them here)
        assertThat(r.out()).contains("MS  FIDELITY");
        // the analysis layer's diagnoses: a curve still falling at its last epoch cannot be judged for overfitting
        assertThat(r.out()).contains("Diagnoses\n", "Not enough epochs to judge overfitting: the best epoch is 15 of 15");

        JsonNode json = JSON.readTree(run("show", "train-b/1", "--json").out());
        assertThat(json.get("provenance").get("git_commit").asText()).isEqualTo("abc123def");
        assertThat(json.get("epochs").get(0).get("fidelity").asDouble()).isEqualTo(1.0);
        assertThat(json.get("provenance").get("data").get("rows").asInt()).isEqualTo(11);
        assertThat(json.get("provenance").get("config").get("seed").asInt()).isEqualTo(7);
        assertThat(json.get("epochs")).hasSize(15);
        assertThat(json.get("diagnoses")).anySatisfy(d -> assertThat(d.get("kind").asText()).isEqualTo("not_enough_epochs"));
        assertThat(json.get("artifacts").get(0).get("sha256").asText()).hasSize(64);

        Result missing = run("show", "train-a/9");
        assertThat(missing.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(missing.err()).contains("no trial 'train-a/9'");
    }

    @Test
    void exportWritesOneCsvRowPerTrialAndFullJsonReports() throws Exception {
        Result csv = run("export", "search", "--format", "csv");
        assertThat(csv.code()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("id,campaign,number,state,objective").contains("param.batch_size",
                "param.units", "git_commit");
        assertThat(lines.get(4)).contains("FAILED", "\"loss became NaN, at epoch 3\"", "\"[64,32]\"");

        Path out = dir.resolve("exports/train-a.json");
        assertThat(run("export", "train-a", "--format", "json", "--out", out.toString()).code()).isZero();
        JsonNode json = JSON.readTree(out.toFile());
        assertThat(json.get("campaign").get("name").asText()).isEqualTo("train-a");
        assertThat(json.get("trials").get(0).get("provenance").get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("trials").get(0).get("metrics").get("test_rmse").asDouble()).isEqualTo(12.5);

        assertThat(run("export", "search", "--format", "xml").code()).isEqualTo(Main.EXIT_BAD_INPUT);
    }

    @Test
    void deleteNeedsYesAndThenRemovesOnlyThatCampaign() {
        Result refused = run("delete", "--campaign", "search");
        assertThat(refused.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(refused.err()).contains("--yes", "4 trials");
        assertThat(run("trials", "search").out()).contains("4 of 4 trials");

        Result done = run("delete", "--campaign", "search", "--yes");
        assertThat(done.code()).isZero();
        assertThat(done.out()).contains("deleted campaign 'search' and its 4 trials");
        String list = run("campaigns").out();
        assertThat(list).contains("train-a").doesNotContain("search");
    }
}
