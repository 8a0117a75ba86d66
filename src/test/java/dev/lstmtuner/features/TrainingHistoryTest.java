package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.train.FoldPlan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** history_days moves only the start of training; the dev/test boundary, validation and test stay where they are. */
class TrainingHistoryTest {
    private static final long DAY = 86_400_000L;

    private static RunConfig config(Map<String, Object> more) {
        RunConfig c = ConfigLoader.parse("{\"model\": \"linear\", \"max_rows\": 6000, \"features\": [\"log_return_1\"],"
                + " \"time_steps\": 8}", "test");
        return ConfigLoader.withOverrides(c, more, "test");
    }

    @Test
    void lessHistoryStartsTrainingLaterAndLeavesValidationAndTestAlone() {
        for (int folds : new int[]{1, 3}) {
            FoldPlan all = FoldPlan.of(config(Map.of("evaluation", Map.of("folds", folds))));
            FoldPlan two = FoldPlan.of(config(Map.of("evaluation", Map.of("folds", folds), "history_days", 2)));
            assertThat(two.plan().devEnd()).isEqualTo(all.plan().devEnd());
            long boundary = all.timeMs(all.plan().devEnd());
            for (int j = 0; j < folds; j++) {
                WalkForward.Fold a = all.plan().folds().get(j), b = two.plan().folds().get(j);
                assertThat(List.of(b.trainEnd(), b.valStart(), b.valEnd(), b.testStart(), b.testEnd()))
                        .isEqualTo(List.of(a.trainEnd(), a.valStart(), a.valEnd(), a.testStart(), a.testEnd()));
                assertThat(b.trainStart()).isGreaterThan(a.trainStart());
                assertThat(two.timeMs(b.trainStart())).isGreaterThanOrEqualTo(boundary - 2 * DAY);
                assertThat(two.timeMs(b.trainStart() - 1)).isLessThan(boundary - 2 * DAY);
            }
            WalkForward.Fold ha = all.plan().headline(), hb = two.plan().headline();
            assertThat(List.of(hb.testStart(), hb.testEnd())).isEqualTo(List.of(ha.testStart(), ha.testEnd()));
            assertThat(hb.trainStart()).isGreaterThan(ha.trainStart());
        }
    }

    @Test
    void moreHistoryThanThereIsTrainsOnAllOfIt() {
        FoldPlan all = FoldPlan.of(config(Map.of()));
        FoldPlan lots = FoldPlan.of(config(Map.of("history_days", 3650)));
        assertThat(lots.plan()).isEqualTo(all.plan());
    }

    @Test
    void aHistoryThatDoesNotReachPastValidationIsRefusedByKey() {
        assertThatThrownBy(() -> FoldPlan.of(config(Map.of("history_days", 0))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("history_days");
        // 40 % of ~4 days of minutes is validation: one day of history does not reach back past it
        assertThatThrownBy(() -> FoldPlan.of(config(Map.of("history_days", 1, "split", List.of(0.5, 0.4, 0.1)))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("history_days 1 leaves the split no"
                        + " training bars");
    }
}
