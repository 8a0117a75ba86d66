package dev.lstmtuner.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void keysNotGivenKeepTheirDefaults() {
        RunConfig c = ConfigLoader.parse("{\"units\": [64, 32], \"learning_rate\": 0.005}", "t.json");
        assertThat(c.units()).containsExactly(64, 32);
        assertThat(c.learningRate()).isEqualTo(0.005);
        assertThat(c.timeSteps()).isEqualTo(RunConfig.DEFAULTS.timeSteps());
        assertThat(c.features()).isEqualTo(RunConfig.DEFAULT_FEATURES);
    }

    @Test
    void unknownKeyIsRefusedWithItsNameAndASuggestion() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"learning_rat\": 0.01}", "exp.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("exp.json")
                .hasMessageContaining("\"learning_rat\"")
                .hasMessageContaining("did you mean \"learning_rate\"");
    }

    @Test
    void outOfRangeValuesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"dropout\": 1.5}", "a.json"))
                .hasMessageContaining("\"dropout\"").hasMessageContaining("1.5");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"units\": [64, 0]}", "a.json"))
                .hasMessageContaining("\"units\"");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"split\": [0.7, 0.2, 0.2]}", "a.json"))
                .hasMessageContaining("\"split\"").hasMessageContaining("add up to 1");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"units\": [1,2,3,4,5]}", "a.json"))
                .hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"scaler\": \"robust\"}", "a.json"))
                .hasMessageContaining("\"scaler\"").hasMessageContaining("standard");
    }

    @Test
    void wrongTypeNamesTheKeyAndTheExpectedShape() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"batch_size\": \"big\"}", "a.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"batch_size\"").hasMessageContaining("integer");
    }

    @Test
    void malformedJsonGivesTheLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\n\"units\": [64,\n}", "b.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("b.json").hasMessageContaining("line 3");
    }

    @Test
    void overridesAreValidatedLikeAFile() {
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("batch_size", 32, "units", List.of(16)), "trial 3");
        assertThat(c.batchSize()).isEqualTo(32);
        assertThat(c.layers()).isEqualTo(1);
        assertThatThrownBy(() -> ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("batch_size", -1), "trial 4"))
                .hasMessageContaining("trial 4").hasMessageContaining("batch_size");
    }

    @Test
    void jsonRoundTripGivesTheSameConfig() {
        RunConfig c = ConfigLoader.parse("{\"units\": [32], \"seed\": 7}", "x");
        assertThat(ConfigLoader.parse(ConfigLoader.toJson(c), "y")).isEqualTo(c);
    }
}
