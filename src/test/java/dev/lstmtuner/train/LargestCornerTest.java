package dev.lstmtuner.train;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.EpochListener;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The largest corner of search-spaces/tutorial.json that failed with OutOfMemoryError trains (few windows, one epoch). */
class LargestCornerTest {
    @Test
    void threeLayers256With120StepsTrainsAnEpochAndEvaluatesForBothCells() {
        for (String cell : List.of("lstm", "gru")) {
            RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("max_rows", 700, "cell", cell,
                    "units", List.of(256, 256, 64), "time_steps", 120, "batch_size", 32, "learning_rate", 0.0053,
                    "dropout", 0.25, "max_epochs", 1, "patience", 0), "corner");
            TrialRunner.Prepared p = TrialRunner.prepare(c);
            assertThat(p.dataset().train().n()).as("training windows").isGreaterThan(200);
            TrialRunner.Outcome o = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
            assertThat(o.result().epochs()).isEqualTo(1);
            assertThat(o.metrics().bestValRmse()).as(cell + " validation RMSE").isFinite().isPositive();
        }
    }
}
