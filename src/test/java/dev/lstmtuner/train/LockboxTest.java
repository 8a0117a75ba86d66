package dev.lstmtuner.train;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.features.Lockbox;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.result.Objective;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lockbox holds its bars out of every trial; only its own scoring reads them. */
class LockboxTest {
    private static final Trainer.BatchProgress NO_BAR = (e, b, n, t) -> { };
    private static final LoadedData BARS = DataSource.load(null, GapPolicy.SKIP_WINDOWS, 1000);

    private static RunConfig config(Map<String, Object> lockbox, int horizon, int folds) {
        Map<String, Object> o = new HashMap<>(Map.of("model", "linear", "features", List.of("log_return_1", "hl_range"),
                "time_steps", 6, "horizon", horizon, "split", List.of(0.6, 0.2, 0.2),
                "evaluation", Map.of("folds", folds, "embargo", 2), "lockbox", lockbox));
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "test");
    }

    @Test
    void aTrialIsHandedOnlyTheBarsBeforeTheLockboxLessThePurgeForFromAndFraction() {
        int n = BARS.series().size();
        String from = Instant.ofEpochMilli(BARS.series().timeMs()[850]).toString();
        for (Map<String, Object> lockbox : List.of(Map.<String, Object>of("fraction", 0.15),
                Map.<String, Object>of("from", from))) {
            RunConfig c = config(lockbox, 3, 2);
            int start = Lockbox.start(BARS.series(), c.lockbox());
            assertThat(start).isEqualTo(lockbox.containsKey("from") ? 850 : n - (int) Math.floor(n * 0.15));
            TrialRunner.Prepared p = TrialRunner.prepare(c, BARS);
            assertThat(p.data().series().size()).isEqualTo(start - (3 - 1 + 2));
            assertThat(p.fingerprint().rows()).isEqualTo(start - 4);
        }
    }

    @Test
    void changingEveryLockboxBarLeavesAWholeTrialBitIdenticalAndMovesOnlyTheLockboxScore() {
        RunConfig c = config(Map.of("fraction", 0.15), 2, 2);
        int start = Lockbox.start(BARS.series(), c.lockbox());
        LoadedData changed = new LoadedData(NestedWalkForwardTest.perturbed(BARS.series(), start), BARS.report());
        TrialRunner.Outcome a = TrialRunner.run(c, TrialRunner.prepare(c, BARS), m -> EpochListener.Verdict.CONTINUE, NO_BAR);
        TrialRunner.Outcome b = TrialRunner.run(c, TrialRunner.prepare(c, changed), m -> EpochListener.Verdict.CONTINUE, NO_BAR);
        assertThat(b.objective(Objective.VAL_RMSE)).isEqualTo(a.objective(Objective.VAL_RMSE));
        assertThat(b.folds()).isEqualTo(a.folds());
        assertThat(b.metrics().model()).isEqualTo(a.metrics().model());
        assertThat(b.metrics().persistencePValue()).isEqualTo(a.metrics().persistencePValue());

        LockboxScore sa = LockboxRun.score(c, 1, 1, BARS);
        LockboxScore sb = LockboxRun.score(c, 1, 1, changed);
        assertThat(sa.windows()).isEqualTo(BARS.series().size() - start);
        assertThat(sa.fromMs()).isEqualTo(BARS.series().timeMs()[start]);
        assertThat(sa.persistenceRmse()).isPositive();
        assertThat(sb.modelRmse()).isNotEqualTo(sa.modelRmse());
    }

    @Test
    void aLockboxWithoutBarsOrOverHalfTheDataOrWithBothKeysIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> Lockbox.start(BARS.series(), config(Map.of("from", "2099-01-01"), 1, 1).lockbox()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("holds no bar");
        assertThatThrownBy(() -> config(Map.of("fraction", 0.9), 1, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("lockbox.fraction");
        assertThatThrownBy(() -> config(Map.of("fraction", 0.1, "from", "2024-01-01"), 1, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("exactly one of");
        String early = Instant.ofEpochMilli(BARS.series().timeMs()[100]).toString();
        assertThatThrownBy(() -> Lockbox.start(BARS.series(), config(Map.of("from", early), 1, 1).lockbox()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("more than half");
    }
}
