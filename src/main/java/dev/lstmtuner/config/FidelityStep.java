package dev.lstmtuner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One step of a config's {@code fidelity} schedule: epochs up to and including {@code through_epoch} (after the
 * previous step's) train on the most recent {@code fraction} of the training windows; epochs after the last step train
 * on all of them. The fraction is always the END of the training region: never bars after it, and validation and test
 * are untouched. The multi-fidelity ASHA pruner writes the schedule into every trial's config, so a trial's recorded
 * config says what it trained on and {@code reproduce} trains it the same way.
 */
@JsonPropertyOrder({"through_epoch", "fraction"})
public record FidelityStep(@JsonProperty("through_epoch") int throughEpoch, @JsonProperty("fraction") double fraction) {
    /** Every epoch on all the training windows. */
    public static final double FULL = 1.0;

    /** The share of the training windows epoch {@code epoch} (1-based) trains on; null or empty = all of them. */
    public static double at(List<FidelityStep> schedule, int epoch) {
        if (schedule == null) return FULL;
        for (FidelityStep s : schedule) if (epoch <= s.throughEpoch()) return s.fraction();
        return FULL;
    }

    /** The number of the last {@code n} training windows a share {@code fraction} trains on: at least one. */
    public static int windows(int n, double fraction) {
        return fraction >= FULL ? n : Math.min(n, Math.max(1, (int) Math.ceil(fraction * n)));
    }

    static void validate(List<FidelityStep> schedule, String src) {
        if (schedule == null) return;
        int last = 0;
        for (FidelityStep s : schedule) {
            if (s == null || s.throughEpoch() <= last) {
                ConfigValidator.fail(src, "fidelity", "steps need increasing \"through_epoch\" values from 1 on, like"
                        + " [{\"through_epoch\": 2, \"fraction\": 0.25}], got " + schedule);
            }
            if (!(s.fraction() > 0 && s.fraction() <= FULL)) {
                ConfigValidator.fail(src, "fidelity", "fractions must be in (0, 1], got " + s.fraction());
            }
            last = s.throughEpoch();
        }
    }
}
