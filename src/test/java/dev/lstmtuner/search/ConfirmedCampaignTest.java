package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real tiny campaign end to end, on two walk-forward folds, through a worker process: the search ends with a
 * confirmed winner ranked on two fresh seeds, the paired test and its power, and the confirmation runs are linked
 * trials in the store.
 */
class ConfirmedCampaignTest {
    @TempDir
    Path dir;

    static final String EXPERIMENT = """
            {
              "name": "conf",
              "config": {"max_rows": 1200, "features": ["log_return_1", "hl_range", "rsi_14"], "time_steps": 8,
                         "units": [4], "dense_units": 0, "dropout": 0.0, "max_epochs": 3, "patience": 0,
                         "batch_size": 32, "evaluation": {"folds": 2}},
              "space": {"params": {"learning_rate": {"type": "categorical", "values": [0.003, 0.01, 0.03]}}},
              "sampler": "grid",
              "pruner": "none",
              "budget": {"max_trials": 3},
              "confirm": {"top_k": 2, "seeds": 2},
              "seed": 3
            }
            """;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aCampaignEndsWithAConfirmedWinnerAndAVerdict() throws Exception {
        Path exp = Files.writeString(dir.resolve("conf.json"), EXPERIMENT);
        String store = dir.resolve("store").toString();
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), "search", "--experiment",
                exp.toString(), "--store", store, "--slots", "1", "--artifacts", dir.resolve("artifacts").toString(),
                "--heartbeat-ms", "300");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("confirmed ranking", "confirmed winner: trial conf/", "over 2 fresh seeds",
                "reported apart", "its lead over #2", "paired t-test over n = 2 shared seeds",
                "power: with 2 fresh seeds per trial", "fresh runs beat persistence");
        try (Store s = StoreFactory.open(store)) {
            List<Trial> trials = PastTrials.all(s, "conf");
            List<Trial> runs = trials.stream().filter(t -> t.confirmOf() != null).toList();
            assertThat(runs).hasSize(4).allMatch(t -> t.state() == TrialState.COMPLETE)
                    .extracting(t -> ((Number) t.params().get("seed")).longValue()).containsOnly(43L, 44L);
            assertThat(trials).filteredOn(t -> t.confirmOf() == null).hasSize(3);
            assertThat(runs.get(0).metrics().folds()).hasSize(2);
        }
    }
}
