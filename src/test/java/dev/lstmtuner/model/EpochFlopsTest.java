package dev.lstmtuner.model;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EpochFlopsTest {
    private static RunConfig config(Map<String, ?> overrides) {
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, overrides, "test");
    }

    @Test
    void theTutorialModelsEpochMatchesTheIssuesHandCount() {
        // issue 25: 128-64-32 on 20 features, 60 steps, 6,016 windows: about 297 GFLOP (LSTM) and 223 (GRU)
        assertThat(EpochFlops.training(config(Map.of()), 20, 6016) / 1e9).isCloseTo(297, within(1.0));
        assertThat(EpochFlops.training(config(Map.of("model", "gru")), 20, 6016) / 1e9).isCloseTo(223, within(1.0));
    }

    @Test
    void oneLayerWithoutAHeadIsItsGateProducts() {
        RunConfig c = config(Map.of("units", List.of(8), "dense_units", 0, "time_steps", 5));
        // per window and step: [x_t, h_{t-1}] (3 + 8 values) times a (3 + 8) × 4·8 matrix, 2 flops a multiply-add
        double gates = 5 * 2.0 * (3 + 8) * 4 * 8;
        double output = 2.0 * 8;
        assertThat(EpochFlops.forward(c, 3, 10)).isEqualTo(10 * (gates + output));
        assertThat(EpochFlops.training(c, 3, 10)).isEqualTo(3 * EpochFlops.forward(c, 3, 10));
    }

    @Test
    void bidirectionalDoublesEachLayerAndWidensTheNextInput() {
        RunConfig uni = config(Map.of("units", List.of(16, 8), "dense_units", 0, "time_steps", 4));
        RunConfig bi = config(Map.of("units", List.of(16, 8), "dense_units", 0, "time_steps", 4, "bidirectional", true));
        double first = 2 * 4 * 2.0 * 4 * 16 * (5 + 16), second = 2 * 4 * 2.0 * 4 * 8 * (32 + 8), head = 2.0 * 16;
        assertThat(EpochFlops.forward(bi, 5, 1)).isEqualTo(first + second + head);
        assertThat(EpochFlops.forward(bi, 5, 1)).isGreaterThan(2 * EpochFlops.forward(uni, 5, 1));
    }

    @Test
    void nonRecurrentFamiliesAreNotCounted() {
        assertThatThrownBy(() -> EpochFlops.training(config(Map.of("model", "linear")), 20, 10))
                .hasMessageContaining("recurrent families").hasMessageContaining("linear");
    }
}
