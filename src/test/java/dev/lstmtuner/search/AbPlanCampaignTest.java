package dev.lstmtuner.search;

import dev.lstmtuner.analysis.AbComparison;
import dev.lstmtuner.analysis.AbTable;
import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.Predictions;
import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;

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
 * A real A/B plan end to end through a worker process, on the ridge family (seconds per run): the arms run with the
 * same seeds, unpruned, and the search ends with the A/B table and the lockbox score of the chosen arm. One arm trains on less history: its test windows are
 * the baseline's, window for window, and the Diebold–Mariano pairing with it runs (not refused).
 */
class AbPlanCampaignTest {
    @TempDir
    Path dir;

    static final String EXPERIMENT = """
            {
              "name": "abrun",
              "config": {"model": "linear", "max_rows": 6000, "features": ["log_return_1", "hl_range", "rsi_14"],
                         "time_steps": 8},
              "objective": "val_rmse",
              "lockbox": {"fraction": 0.1},
              "plan": {"baseline": {}, "variants": {"two days of history": {"history_days": 2},
                       "longer window": {"time_steps": 24}}, "seeds": 2}
            }
            """;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aPlanRunsEveryArmOnTheSameSeedsAndEndsWithItsTable() throws Exception {
        Path exp = Files.writeString(dir.resolve("ab.json"), EXPERIMENT);
        String store = dir.resolve("store").toString();
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), "search", "--experiment",
                exp.toString(), "--store", store, "--slots", "1", "--artifacts", dir.resolve("artifacts").toString(),
                "--heartbeat-ms", "300");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("campaign abrun ended: trial budget of 6 reached", "A/B plan of campaign abrun",
                "two days of history", "history_days 2", "longer window", "persistence", "← chosen on validation",
                "the same seeds for every arm");
        assertThat(out.toString()).containsAnyOf("better than the baseline", "no real difference", "worse than the baseline");
        try (Store s = StoreFactory.open(store)) {
            List<Trial> trials = PastTrials.all(s, "abrun");
            assertThat(trials).hasSize(6).allMatch(t -> t.state() == TrialState.COMPLETE)
                    .allMatch(t -> t.confirmOf() == null && t.prunedEpoch() == null);
            Campaign c = s.campaign("abrun").orElseThrow();
            AbTable table = AbTable.of(s, c, AbPlan.of(c).orElseThrow());
            assertThat(table.rows()).allMatch(r -> r.trials().size() == 2);
            assertThat(out.toString()).contains(table.rows().get(1).vsBaseline().words());
            // the lockbox scores the chosen arm's best run on validation, once: THE best trial of every view
            int chosen = table.chosenRun();
            assertThat(BestTrial.of(s, c).orElseThrow().trial().number()).isEqualTo(chosen);
            assertThat(out.toString()).contains("lockbox: scoring the chosen arm \"" + table.chosen() + "\" (trial abrun/"
                    + chosen + ", its best run on validation)", "lockbox verdict: trial #" + chosen + " ");
            assertThat(s.lockboxOpenings("abrun")).hasSize(1);

            AbTable.Row history = table.row("two days of history").orElseThrow();
            AbComparison vs = history.vsBaseline();
            assertThat(vs.dm().error()).as("the pairing of arms with different history is not refused").isNull();
            Trial base = s.trial("abrun", table.row("baseline").orElseThrow().trials().get(0)).orElseThrow();
            Trial shorter = s.trial("abrun", history.trials().get(0)).orElseThrow();
            Predictions pb = predictions(s, base), ps = predictions(s, shorter);
            assertThat(ps.time()).isEqualTo(pb.time());
            assertThat(ps.actual()).isEqualTo(pb.actual());
            assertThat(vs.dm().n()).isEqualTo(pb.size());
            assertThat(ps.predicted()).isNotEqualTo(pb.predicted()); // less history, another fit
            assertThat(report(s, shorter).provenance().data()).isEqualTo(report(s, base).provenance().data());
            Trial longer = s.trial("abrun", table.row("longer window").orElseThrow().trials().get(0)).orElseThrow();
            assertThat(report(s, base).provenance().tests()).as("recorded by the worker").isNotNull();
            assertThat(report(s, shorter).provenance().tests()).isEqualTo(report(s, base).provenance().tests());
            assertThat(report(s, longer).provenance().tests()).as("a longer window scores the same test targets")
                    .isEqualTo(report(s, base).provenance().tests());
        }
    }

    private static TrialReport report(Store s, Trial t) {
        return s.report(t.id()).orElseThrow();
    }

    private static Predictions predictions(Store s, Trial t) {
        Artifact a = report(s, t).artifacts().stream().filter(x -> x.kind().equals(Predictions.ARTIFACT_KIND))
                .findFirst().orElseThrow();
        return Predictions.read(Path.of(a.path()));
    }
}
