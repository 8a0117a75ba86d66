package dev.lstmtuner.analysis;

import java.util.List;

/**
 * The sort keys that are scores on the test split. Sorting the leaderboard by one of them and taking the top row is
 * selecting on the test windows, which makes the test a second validation set: the views warn when it is done.
 */
public final class TestMetricSort {
    public static final List<String> KEYS = List.of("test_mae", "test_rmse", "test_mape", "test_r2",
            "direction_accuracy", "persistence_rmse", "skill", "persistence_p");
    public static final String WARNING = "Sorted by a test metric: fine for reading, but test metrics must not select"
            + " a model (picking the top row here makes the test split a second validation set); select by the"
            + " objective, and read the campaign-wide verdict above.";

    private TestMetricSort() {
    }

    public static boolean isTestMetric(String key) {
        return key != null && KEYS.contains(key);
    }
}
