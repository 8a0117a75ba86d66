package dev.lstmtuner.cli;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * show, trials and best say how a trial stands against persistence in words decided by the Diebold–Mariano test:
 * "beats persistence" only when p < 0.05, whatever the skill's sign; and a confirmed campaign's best is its
 * confirmed winner. Seeded through the Store API, no training.
 */
class VerdictCommandsTest {
    private static final String CONFIG = "{\"units\":[8],\"seed\":42}";

    @TempDir
    Path dir;
    String store;

    record Result(int code, String out) {
    }

    @BeforeEach
    void seed() {
        store = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        try (Store s = StoreFactory.open(store)) {
            s.createCampaign(new CampaignSpec("v", CONFIG, "{}", "random", "median", 10, "val_rmse",
                    Direction.MINIMIZE, null, null));
            // #1 is the best by objective, with a positive skill that the test cannot tell from chance
            complete(s, s.enqueue("v", Map.of("lr", 1)), metrics(0.02, 0.3, List.of()), 5.0);
            complete(s, s.enqueue("v", Map.of("lr", 2)), metrics(0.03, 0.01, List.of()), 6.0);
            complete(s, s.enqueue("v", Map.of("lr", 3)), metrics(-0.05, 0.0004, folds()), 7.0);

            s.createCampaign(new CampaignSpec("conf", CONFIG, "{}", "random", "median", 10, "val_rmse",
                    Direction.MINIMIZE, null, null));
            // #1 had the luckiest single run; #2 is better on average over its seeds
            Trial a = s.enqueue("conf", Map.of("lr", 1));
            Trial b = s.enqueue("conf", Map.of("lr", 2));
            complete(s, a, metrics(0.01, 0.5, List.of()), 5.0);
            complete(s, b, metrics(0.01, 0.6, List.of()), 5.5);
            double[] aSeeds = {6.0, 6.2, 5.8}, bSeeds = {5.4, 5.6, 5.5};
            for (int i = 0; i < 3; i++) {
                complete(s, s.enqueue("conf", Map.of("lr", 1, "seed", 43 + i), a.id()), metrics(0.01, 0.5, List.of()), aSeeds[i]);
                complete(s, s.enqueue("conf", Map.of("lr", 2, "seed", 43 + i), b.id()), metrics(0.01, 0.5, List.of()), bSeeds[i]);
            }

            s.createCampaign(new CampaignSpec("loss", CONFIG, "{}", "random", "median", 10, "val_loss",
                    Direction.MINIMIZE, null, null));
            complete(s, s.enqueue("loss", Map.of("lr", 1)), metrics(0.01, 0.5, List.of()), 0.9);
        }
    }

    private static void complete(Store s, Trial t, FinalMetrics m, double objective) {
        TrialHandle h = s.claim(t.id(), "w", "cpu").orElseThrow();
        h.recordProvenance(new Provenance(CONFIG, 42, new DataFingerprint.Fingerprint("f".repeat(64), 1_600_000_000_000L,
                1_600_000_600_000L, 11), "0.1.0", "abc", "17", "1.0.0-M2.1", "CPU", "Linux", "amd64", 1, "host"));
        h.complete(m, objective);
    }

    static FinalMetrics metrics(double skill, double p, List<FoldMetrics> folds) {
        ForecastMetrics model = new ForecastMetrics(7, 10 * (1 - skill), 0.4, 0.5, 0.56);
        ForecastMetrics persistence = new ForecastMetrics(7, 10, 0.5, 0.4, Double.NaN);
        return new FinalMetrics(model, persistence, skill, 4.2, 1000, 12, 5, 3.0, 300, skill > 0 ? -2.0 : 2.0, p, folds);
    }

    private static List<FoldMetrics> folds() {
        ForecastMetrics f = new ForecastMetrics(7, 10, 0.4, 0.5, 0.56);
        List<FoldMetrics> out = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            out.add(new FoldMetrics(k, 500, 100, 50, 1_700_000_000_000L + k * 3_600_000L, 1_700_000_000_000L + k * 3_600_000L + 60_000,
                    4.1 + k, 0.9, 6, 4, f, f, 0.0, 0.7, List.of(1.0, 2.0)));
        }
        return out;
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(store);
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), all.toArray(String[]::new));
        return new Result(code, out.toString());
    }

    @Test
    void showSaysBeatsPersistenceOnlyWhenTheTestIsSignificant() {
        Result r = run("show", "v/1");
        assertThat(r.code()).isZero();
        // corrected across the campaign's 3 COMPLETE trials (Holm), the raw p beside it
        assertThat(r.out()).contains("skill          0.02: no better than persistence (Holm p = 0.300 over 3 trials;"
                + " raw p = 0.300)").doesNotContain("beats persistence");
        assertThat(run("show", "v/2").out()).contains("beats persistence (Holm p = 0.0200 over 3 trials; raw p = 0.0100)");
        assertThat(run("show", "v/3").out()).contains("worse than persistence (Holm p = 0.00120 over 3 trials; raw p < 0.001)");
    }

    @Test
    void showListsEveryWalkForwardFoldWithItsOwnVerdict() {
        String out = run("show", "v/3").out();
        assertThat(out).contains("mean over 2 walk-forward folds", "Walk-forward folds", "VAL FROM", "BEST_VAL_RMSE");
        assertThat(out.lines().filter(l -> l.contains("no better than persistence (p = 0.700)")).count()).isEqualTo(2);
    }

    @Test
    void showJsonCarriesTheVerdictTheFoldsAndTheConfirmationLink() {
        String json = run("show", "v/3", "--json").out();
        assertThat(json).contains("\"verdict\" : \"worse than persistence (p < 0.001)\"", "\"persistence_p\" : 4.0E-4",
                "\"folds\" : [", "\"val_block_rmse\" : [ 1.0, 2.0 ]");
        assertThat(run("show", "conf/3", "--json").out()).containsPattern("\"confirm_of\" : [0-9]+");
    }

    @Test
    void trialsShowTheVerdictOfEveryRow() {
        String out = run("trials", "v").out();
        String first = out.lines().filter(l -> l.trim().startsWith("1 ")).findFirst().orElseThrow();
        // corrected across the campaign's COMPLETE trials as the leaderboard shows it, the raw p beside it
        assertThat(first).contains("no better than persistence (Holm p = 0.300 over 3 trials; raw p = 0.3")
                .doesNotContain("beats");
        assertThat(out).contains("raw p = 0.0100", "VS PERSISTENCE");
    }

    @Test
    void bestPrintsTheVerdictSentence() {
        Result r = run("best", "v");
        assertThat(r.code()).isZero();
        // the named trial's verdict is Holm-corrected over the campaign's COMPLETE trials, the raw p beside it;
        // the campaign-wide test needs predictions files, which these hand-made trials lack
        assertThat(r.out()).contains("best trial v/1", "Trial #1 on its test windows: no better than persistence (Holm p",
                        "raw p = 0.300", "Campaign-wide test not run: no COMPLETE trial has test predictions")
                .doesNotContain("beats persistence");
    }

    @Test
    void aConfirmedCampaignsBestIsTheWinnerByMeanOverFreshSeedsNotTheLuckiestRun() {
        Result r = run("best", "conf");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("best trial conf/2", "confirmed winner: trial conf/2, mean val_rmse 5.5",
                "over 3 fresh seeds (seeds 43, 44, 45)", "its selected run (the one the search chose) scored 5.500 and is"
                        + " reported apart", "paired t-test over n = 3 shared seeds",
                "its selected run, uncorrected, is no better than persistence (p = 0.600)");
        assertThat(run("show", "conf/2").out()).contains("rank           1 of 2 confirmed trials: the confirmed winner");
        assertThat(run("show", "conf/3").out()).contains("confirms       trial conf/1 with seed 43");
        assertThat(run("trials", "conf", "--limit", "20").out()).contains("#1", "#2");
    }

    @Test
    void reproduceSeedsIsRefusedWhenTheObjectiveIsNotValRmse() {
        Result r = run("reproduce", "loss/1", "--seeds", "3");
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.out()).contains("refusing --seeds for loss/1", "ranks trials by val_loss", "val RMSE",
                "\"confirm\"");
    }
}
