package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.search.space.FloatParam;
import dev.lstmtuner.search.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SearchSpaceTest {
    private static final Path TUTORIAL = Path.of("search-spaces/tutorial.json");

    private static double[] randomPoint(SplittableRandom rng, int n) {
        double[] u = new double[n];
        for (int i = 0; i < n; i++) u[i] = rng.nextDouble();
        return u;
    }

    @Test
    void shippedSpacesLoadAndTheTutorialFollowsTheGuide() {
        SearchSpace tutorial = SearchSpace.load(TUTORIAL);
        assertThat(tutorial.names()).containsExactly("learning_rate", "layers", "units_1", "units_2", "units_3",
                "units_4", "dropout", "batch_size", "time_steps", "bidirectional");
        FloatParam lr = (FloatParam) tutorial.param("learning_rate");
        assertThat(lr.low()).isEqualTo(1e-4);
        assertThat(lr.high()).isEqualTo(1e-2);
        assertThat(lr.log()).isTrue();
        SearchSpace quick = SearchSpace.load(Path.of("search-spaces/quick.json"));
        assertThat(quick.names()).contains("layers", "units_1", "units_2");
    }

    @Test
    void conditionalUnitsExistOnlyForPresentLayers() {
        SearchSpace space = SearchSpace.load(TUTORIAL);
        SplittableRandom rng = new SplittableRandom(1);
        boolean[] seenLayers = new boolean[5];
        for (int i = 0; i < 500; i++) {
            Map<String, Object> p = space.decode(randomPoint(rng, space.dimensions()));
            int layers = (Integer) p.get("layers");
            seenLayers[layers] = true;
            for (int k = 1; k <= 4; k++) {
                assertThat(p.containsKey("units_" + k)).as("units_%d with %d layers", k, layers).isEqualTo(k <= layers);
            }
            @SuppressWarnings("unchecked")
            List<Integer> units = (List<Integer>) space.toConfigOverrides(p).get("units");
            assertThat(units).hasSize(layers);
            for (int k = 1; k < units.size(); k++) assertThat(units.get(k)).isLessThanOrEqualTo(units.get(k - 1));
            assertThat(space.toConfigOverrides(p)).doesNotContainKeys("layers", "units_1");
        }
        assertThat(seenLayers).containsExactly(false, false, true, true, true);
    }

    @Test
    void overridesBuildAValidTrialConfig() {
        SearchSpace space = SearchSpace.load(TUTORIAL);
        Map<String, Object> params = Map.of("learning_rate", 0.003, "layers", 3, "units_1", 256, "units_2", 128,
                "units_3", 128, "dropout", 0.25, "batch_size", 32, "time_steps", 90, "bidirectional", true);
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, space.toConfigOverrides(params), "trial 7");
        assertThat(c.units()).containsExactly(256, 128, 128);
        assertThat(c.learningRate()).isEqualTo(0.003);
        assertThat(c.timeSteps()).isEqualTo(90);
        assertThat(c.bidirectional()).isTrue();
        assertThat(c.features()).isEqualTo(RunConfig.DEFAULTS.features());
    }

    @Test
    void encodeThenDecodeGivesTheSameParams() {
        SearchSpace space = SearchSpace.load(TUTORIAL);
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 300; i++) {
            Map<String, Object> p = space.decode(randomPoint(rng, space.dimensions()));
            Map<String, Object> back = space.decode(space.encode(p));
            assertThat(back.keySet()).isEqualTo(p.keySet());
            for (String k : p.keySet()) {
                if (p.get(k) instanceof Double d) assertThat((Double) back.get(k)).isCloseTo(d, within(1e-9 * Math.abs(d) + 1e-12));
                else assertThat(back.get(k)).isEqualTo(p.get(k));
            }
        }
    }

    @Test
    void anyConfigKeyMayCarryACondition() {
        SearchSpace space = SearchSpace.parse("""
                {"params": {
                  "l2": {"type": "float", "low": 1e-6, "high": 1e-3, "log": true, "when": "bidirectional == true"},
                  "bidirectional": {"type": "bool"},
                  "dense_units": {"type": "int", "low": 0, "high": 64, "step": 16},
                  "scaler": {"type": "categorical", "values": ["standard", "minmax"]}
                }}""", "cond.json");
        // l2 moves after what it depends on
        assertThat(space.names()).containsExactly("bidirectional", "l2", "dense_units", "scaler");
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            Map<String, Object> p = space.decode(randomPoint(rng, 4));
            assertThat(p.containsKey("l2")).isEqualTo(Boolean.TRUE.equals(p.get("bidirectional")));
            assertThat((Integer) p.get("dense_units")).isIn(0, 16, 32, 48, 64);
            RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, space.toConfigOverrides(p), "trial " + i);
            assertThat(c.scaler()).isEqualTo(p.get("scaler"));
        }
    }

    @Test
    void unknownKeyIsRefusedNamingTheFileAndTheKey() {
        assertThatThrownBy(() -> SearchSpace.parse("{\"params\": {\"lerning_rate\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.01}}}", "s.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("s.json").hasMessageContaining("\"lerning_rate\"").hasMessageContaining("learning_rate");
    }

    @Test
    void emptyRangeIsRefused() {
        assertThatThrownBy(() -> SearchSpace.parse("{\"params\": {\"dropout\": {\"type\": \"float\", \"low\": 0.4, \"high\": 0.1}}}", "s.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("dropout").hasMessageContaining("empty range");
        assertThatThrownBy(() -> SearchSpace.parse("{\"params\": {\"batch_size\": {\"type\": \"categorical\", \"values\": []}}}", "s.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("batch_size").hasMessageContaining("non-empty");
    }

    @Test
    void logScaleWithANonPositiveBoundIsRefused() {
        assertThatThrownBy(() -> SearchSpace.parse("{\"params\": {\"l2\": {\"type\": \"float\", \"low\": 0, \"high\": 0.01, \"log\": true}}}", "s.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"l2\"").hasMessageContaining("low > 0");
    }

    @Test
    void brokenJsonNamesTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"params\": {\n    \"dropout\": {\"type\": \"float\", \"low\": 0.1 \"high\": 0.4}\n  }\n}\n");
        assertThatThrownBy(() -> SearchSpace.load(file))
                .isInstanceOf(BadInputException.class).hasMessageContaining("broken.json").hasMessageContaining("line 3");
    }

    @Test
    void valuesTheConfigWouldRefuseAreCaughtAtLoad() {
        assertThatThrownBy(() -> SearchSpace.parse("{\"params\": {\"batch_size\": {\"type\": \"float\", \"low\": 16, \"high\": 64}}}", "s.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("batch_size").hasMessageContaining("integer");
        assertThatThrownBy(() -> SearchSpace.parse("{\"params\": {\"dropout\": {\"type\": \"float\", \"low\": 0.5, \"high\": 0.99}}}", "s.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("dropout").hasMessageContaining("s.json");
    }

    @Test
    void layerSugarNeedsEveryUnitsKeyAndRefusesMixingWithUnits() {
        assertThatThrownBy(() -> SearchSpace.parse("""
                {"params": {"layers": {"type": "int", "low": 1, "high": 3},
                            "units_1": {"type": "categorical", "values": [8, 16]},
                            "units_2": {"type": "categorical", "values": [8, 16]}}}""", "s.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("units_3");
        assertThatThrownBy(() -> SearchSpace.parse("""
                {"params": {"units": {"type": "categorical", "values": [[64], [64, 32]]},
                            "units_1": {"type": "categorical", "values": [8, 16]}}}""", "s.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not both");
    }

    @Test
    void conditionOnAMissingParameterIsRefused() {
        assertThatThrownBy(() -> SearchSpace.parse("{\"params\": {\"l2\": {\"type\": \"float\", \"low\": 0.0, \"high\": 0.01, \"when\": \"batch_norm == true\"}}}", "s.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"l2\"").hasMessageContaining("\"batch_norm\"");
    }
}
