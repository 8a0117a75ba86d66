package dev.lstmtuner.train;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.ScalerFitting;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The leakage audit on the ridge family (fast): it passes the pipeline as it is and fails planted faults. */
class LeakageAuditTest {
    private static final LoadedData BARS = DataSource.load(null, GapPolicy.SKIP_WINDOWS, 3000);

    private static RunConfig config(int folds) {
        Map<String, Object> o = new HashMap<>(Map.of("model", "linear", "features",
                List.of("log_return_1", "log_return_5", "hl_range", "volume_z_20"), "time_steps", 8, "l2", 0.01,
                "evaluation", Map.of("folds", folds)));
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "test");
    }

    @Test
    void thePipelineAsItIsPassesEveryCanary() {
        for (int folds : new int[]{1, 3}) {
            LeakageAudit.Result r = LeakageAudit.run(config(folds), BARS);
            assertThat(r.canaries()).extracting(LeakageAudit.Canary::name)
                    .containsExactly("shuffled target", "future change", "planted target");
            assertThat(r.canaries()).as(r.canaries().toString()).allMatch(LeakageAudit.Canary::passed);
            assertThat(r.passed()).isTrue();
        }
    }

    @Test
    void aScalerFittedOnAllBarsIsCaughtAsALeak() {
        PipelineChange leak = new PipelineChange(ScalerFitting.ALL_ROWS_LEAK, PipelineChange.NONE.features(),
                PipelineChange.NONE.windows());
        LeakageAudit.Result r = LeakageAudit.run(config(3), BARS, leak);
        assertThat(r.leaks()).isTrue();
        assertThat(r.passed()).isFalse();
        LeakageAudit.Canary future = r.canaries().get(1);
        assertThat(future.passed()).isFalse();
        assertThat(future.finding()).contains("selection reads test bars");
    }

    @Test
    void inputsThatCarryNothingAreCaughtAsBlind() {
        PipelineChange blind = PipelineChange.NONE.after(f -> f, LeakageAuditTest::zeroInputs);
        LeakageAudit.Result r = LeakageAudit.run(config(1), BARS, blind);
        assertThat(r.blind()).isTrue();
        assertThat(r.canaries().get(2).finding()).contains("future target");
    }

    @Test
    void holmCountsOnlyRejectedNullsWithPositiveSkill() {
        double[] p = {0.001, 0.004, 0.02, 0.3, 0.9};
        // thresholds 0.01, 0.0125, 0.0167, ...: the first two are rejected, the third (0.02 > 0.0167) stops it
        assertThat(LeakageAudit.holmBeats(p, new double[]{0.1, 0.1, 0.1, 0.1, 0.1}, 0.05)).isEqualTo(2);
        assertThat(LeakageAudit.holmBeats(p, new double[]{-0.1, 0.1, 0.1, 0.1, 0.1}, 0.05)).isEqualTo(1);
    }

    private static Dataset zeroInputs(Dataset d) {
        return new Dataset(d.featureNames(), d.timeSteps(), d.horizon(), d.target(), zero(d.train()), zero(d.val()),
                zero(d.test()), d.featureScaler(), d.targetScaler(), d.warmupRowsDropped(), d.windowsSkippedAtGaps());
    }

    private static Dataset.Split zero(Dataset.Split s) {
        return new Dataset.Split(s.n(), new float[s.x().length], s.y(), s.anchor(), s.anchorTimeMs(), s.anchorClose(),
                s.actualClose());
    }
}
