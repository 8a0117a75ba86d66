package dev.lstmtuner.train;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EarlyStoppingTest {
    private static RunConfig config(int patience, double minDelta, String mode) {
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS,
                Map.of("patience", patience, "min_delta", minDelta, "min_delta_mode", mode), "test");
    }

    /** Stops at the first epoch (1-based) the rule says so; 0 when it never does. */
    private static int stopsAt(RunConfig c, double... valLosses) {
        EarlyStopping s = new EarlyStopping(c);
        for (int e = 0; e < valLosses.length; e++) if (s.observe(valLosses[e])) return e + 1;
        return 0;
    }

    /** The 256-unit trial: 13 epochs while the loss crept down by about 0.02 % in all. */
    private static final double[] CREEPING = {1.0, 0.99990, 0.99985, 0.99980, 0.99975, 0.99970, 0.99965, 0.99960};

    @Test
    void withoutMinDeltaAnyDecreaseResetsPatience() {
        assertThat(stopsAt(config(3, 0, "relative"), CREEPING)).isZero();
        assertThat(stopsAt(config(3, 0, "relative"), 1.0, 0.9, 0.95, 0.95, 0.95)).isEqualTo(5);
    }

    @Test
    void relativeMinDeltaIgnoresImprovementsSmallerThanThatFraction() {
        // 0.1 % of ~1.0 is 0.001: none of the creeping steps, nor their sum over 3 epochs, is that large
        assertThat(stopsAt(config(3, 0.001, "relative"), CREEPING)).isEqualTo(4);
        // a 1 % drop is an improvement and resets the count
        assertThat(stopsAt(config(3, 0.001, "relative"), 1.0, 1.0, 0.99, 0.99, 0.99, 0.99)).isEqualTo(6);
    }

    @Test
    void absoluteMinDeltaIsInValLossUnits() {
        // 0.0002 absolute: the creeping steps add up to more than that by epoch 5, in time for patience 4, not 3
        assertThat(stopsAt(config(3, 0.0002, "absolute"), CREEPING)).isEqualTo(4);
        assertThat(stopsAt(config(4, 0.0002, "absolute"), CREEPING)).isZero();
        assertThat(stopsAt(config(3, 0.0002, "absolute"), 1.0, 0.9999, 0.9999, 0.9999)).isEqualTo(4);
    }

    @Test
    void patienceZeroNeverStops() {
        assertThat(stopsAt(config(0, 0.5, "relative"), 1, 2, 3, 4, 5)).isZero();
    }
}
