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

    @Test
    void fromAndToAreValidatedIsoDatesWithToAfterFrom() {
        RunConfig c = ConfigLoader.parse("{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}", "a.json");
        assertThat(c.dateRange().fromMs()).isEqualTo(java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
        // a date as "to" includes its whole day
        assertThat(c.dateRange().toMsExclusive()).isEqualTo(java.time.Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        assertThat(ConfigLoader.parse("{\"to\": \"2024-06-01T12:00:00Z\"}", "a.json").dateRange()
                .contains(java.time.Instant.parse("2024-06-01T12:00:00Z").toEpochMilli())).isTrue();
        assertThatThrownBy(() -> ConfigLoader.parse("{\"from\": \"2024-13-01\"}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("a.json").hasMessageContaining("\"from\"")
                .hasMessageContaining("2024-01-01");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"from\": \"2024-06-01\", \"to\": \"2024-05-31\"}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"to\"").hasMessageContaining("after");
    }

    @Test
    void minDeltaAndItsModeAreValidated() {
        RunConfig c = ConfigLoader.parse("{\"min_delta\": 0.001}", "a.json");
        assertThat(c.minDeltaMode()).isEqualTo("relative");
        assertThat(c.minImprovement(2.0)).isEqualTo(0.002);
        assertThat(ConfigLoader.parse("{\"min_delta\": 0.5, \"min_delta_mode\": \"absolute\"}", "a.json").minImprovement(2.0))
                .isEqualTo(0.5);
        assertThatThrownBy(() -> ConfigLoader.parse("{\"min_delta_mode\": \"percent\"}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"min_delta_mode\"").hasMessageContaining("absolute");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"min_delta\": 5}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"min_delta\"").hasMessageContaining("absolute");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"min_delta\": -1}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"min_delta\"");
    }

    @Test
    void anIntBeyondItsRangeNamesTheKeyInsteadOfWrapping() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"max_epochs\": 4294967297}", "t.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("t.json").hasMessageContaining("\"max_epochs\"");
        assertThat(ConfigLoader.parse("{\"seed\": 4294967297}", "t.json").seed()).isEqualTo(4294967297L);
    }

    @Test
    void evaluationTakesTheKeysItNamesAndDefaultsToTheSingleSplit() {
        assertThat(RunConfig.DEFAULTS.evaluation()).isEqualTo(new RunConfig.Evaluation(1, "expanding"));
        RunConfig c = ConfigLoader.parse("{\"evaluation\": {\"folds\": 4}}", "a.json");
        assertThat(c.evaluation()).isEqualTo(new RunConfig.Evaluation(4, "expanding"));
        RunConfig s = ConfigLoader.withOverrides(c, Map.of("evaluation", Map.of("scheme", "sliding")), "b");
        assertThat(s.evaluation()).isEqualTo(new RunConfig.Evaluation(4, "sliding"));
        assertThat(ConfigLoader.parse(ConfigLoader.toJson(s), "round trip")).isEqualTo(s);
    }

    @Test
    void badEvaluationKeysAreRefusedByName() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"evaluation\": {\"fold\": 3}}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"evaluation.fold\"")
                .hasMessageContaining("folds");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"evaluation\": {\"folds\": 0}}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"evaluation.folds\"");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"evaluation\": {\"scheme\": \"rolling\"}}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"evaluation.scheme\"")
                .hasMessageContaining("sliding");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"evaluation\": 3}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"evaluation\" must be an object");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"evaluation\": {\"folds\": \"many\"}}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"evaluation.folds\"")
                .hasMessageContaining("integer");
    }

    @Test
    void aGruCellOnANonRecurrentModelIsRefusedByName() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"model\": \"linear\", \"cell\": \"gru\"}", "f.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"cell\"").hasMessageContaining("linear");
    }
}
