package dev.lstmtuner.search;

import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.ConfirmedFront;
import dev.lstmtuner.analysis.ParetoFront;
import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.NonDominatedSort;
import dev.lstmtuner.store.Campaign;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny two-objective campaign (val_rmse against params) end to end through a worker process, with NSGA-II, ASHA
 * on the primary and confirmation: the stored values make the front, the front is non-dominated, pruned trials
 * never reach it, and the front's members are re-run with fresh seeds into a confirmed front with verdicts.
 */
class MultiObjectiveCampaignTest {
    @TempDir
    Path dir;

    static final String EXPERIMENT = """
            {
              "name": "mo",
              "config": {"max_rows": 900, "features": ["log_return_1", "hl_range"], "time_steps": 6,
                         "dense_units": 0, "dropout": 0.0, "max_epochs": 3, "patience": 0, "batch_size": 64},
              "space": {"params": {"units_1": {"type": "categorical", "values": [2, 4, 8]},
                                   "learning_rate": {"type": "categorical", "values": [0.001, 0.03]}}},
              "objectives": [{"name": "val_rmse", "direction": "minimize"}, {"name": "params"}],
              "sampler": {"type": "nsga2", "population": 3},
              "pruner": {"type": "asha", "min_resource": 1, "reduction_factor": 2},
              "budget": {"max_trials": 6},
              "confirm": {"top_k": 2, "seeds": 2},
              "seed": 5
            }
            """;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aTwoObjectiveCampaignEndsWithItsFrontAndAConfirmedFront() throws Exception {
        Path exp = Files.writeString(dir.resolve("mo.json"), EXPERIMENT);
        String store = dir.resolve("store").toString();
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), "search", "--experiment",
                exp.toString(), "--store", store, "--slots", "1", "--artifacts", dir.resolve("artifacts").toString(),
                "--heartbeat-ms", "300");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("Pareto front: ", "non-dominated on val_rmse, params",
                "confirmed front (means over fresh seeds");
        try (Store s = StoreFactory.open(store)) {
            Campaign c = s.campaign("mo").orElseThrow();
            assertThat(c.sampler()).isEqualTo("nsga2");
            List<Trial> trials = PastTrials.all(s, "mo");
            List<Trial> sampled = trials.stream().filter(t -> t.confirmOf() == null).toList();
            assertThat(sampled).hasSize(6);
            Map<Long, Map<Objective, Double>> values = s.objectiveValues(trials.stream().map(Trial::id).toList());
            for (Trial t : trials) {
                if (t.state() == TrialState.COMPLETE) {
                    assertThat(values.get(t.id())).as(t.label()).containsKeys(Objective.VAL_RMSE, Objective.PARAMS,
                            Objective.TRAINING_SECONDS, Objective.VAL_LOSS);
                    assertThat(values.get(t.id()).get(Objective.VAL_RMSE)).isEqualTo(t.objective());
                    assertThat(values.get(t.id()).get(Objective.PARAMS)).isEqualTo((double) t.metrics().params());
                } else {
                    assertThat(values).as("a pruned trial has no final values").doesNotContainKey(t.id());
                }
            }

            ParetoFront front = ParetoFront.of(s, c);
            Set<Integer> onFront = new HashSet<>(front.frontNumbers());
            assertThat(onFront).isNotEmpty();
            for (ParetoFront.Point p : front.points()) {
                double[] mine = {p.values()[0], p.values()[1]};
                boolean dominated = front.points().stream().anyMatch(q -> NonDominatedSort.dominates(
                        new double[]{q.values()[0], q.values()[1]}, mine));
                assertThat(onFront.contains(p.trial().number())).as("#" + p.trial().number()).isEqualTo(!dominated);
            }
            Set<Integer> pruned = new HashSet<>();
            sampled.stream().filter(t -> t.state() == TrialState.PRUNED).forEach(t -> pruned.add(t.number()));
            assertThat(onFront).doesNotContainAnyElementsOf(pruned);

            List<Trial> runs = trials.stream().filter(t -> t.confirmOf() != null).toList();
            Set<Long> confirmedIds = new HashSet<>();
            runs.forEach(r -> confirmedIds.add(r.confirmOf()));
            Set<Long> expected = new HashSet<>(front.front().stream().limit(2).map(p -> p.trial().id()).toList());
            assertThat(confirmedIds).as("confirmation re-runs the front's members").isEqualTo(expected);
            assertThat(runs).hasSize(2 * expected.size()).allMatch(t -> t.state() == TrialState.COMPLETE);

            ConfirmedFront confirmed = ConfirmedFront.of(s, front, CampaignVerdicts.of(s, "mo"));
            assertThat(confirmed.started()).isTrue();
            assertThat(confirmed.confirmed()).isNotEmpty();
            assertThat(confirmed.members()).filteredOn(m -> !m.fresh().isEmpty())
                    .allMatch(m -> m.fresh().size() == 2)
                    .allMatch(m -> m.verdictWords().contains("persistence"));
        }
    }
}
