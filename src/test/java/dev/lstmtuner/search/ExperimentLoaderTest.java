package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentLoaderTest {
    private static final String SPACE = "\"space\": {\"params\": {\"learning_rate\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.01, \"log\": true}}}";

    private static Experiment parse(String body) {
        return ExperimentLoader.parse("{\"name\": \"e1\", " + SPACE + (body.isEmpty() ? "" : ", " + body) + "}", "e.json", null);
    }

    @Test
    void theShippedExperimentsLoad() {
        Experiment quick = ExperimentLoader.load(Path.of("experiments/quick-search.json"));
        assertThat(quick.sampler()).isEqualTo("tpe");
        assertThat(quick.pruner()).isEqualTo("asha");
        assertThat(quick.budget().maxTrials()).isPositive();
        Experiment symbols = ExperimentLoader.load(Path.of("experiments/symbols.json"));
        assertThat(symbols.symbols()).extracting(Experiment.Symbol::symbol).containsExactly("BTCUSDT", "ETHUSDT", "BNBUSDT");
        assertThat(symbols.base().units()).containsExactly(128, 64, 32);
    }

    @Test
    void everyShippedExperimentReadsDataThatFetchMakesAndSaysWhichFetchMakesIt() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("experiments"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int experiments = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            if (!text.contains("\"space\"") && !text.contains("\"plan\"")) continue; // a run config, not an experiment
            experiments++;
            Experiment e = ExperimentLoader.load(f);
            List<String> data = new ArrayList<>();
            if (e.base().data() != null) data.add(e.base().data());
            e.symbols().forEach(sym -> data.add(sym.data()));
            assertThat(data).as(f.toString()).allSatisfy(d -> assertThat(d).doesNotContain("shared").startsWith("data/"));
            assertThat(e.description()).as(f + " says where its data comes from")
                    .containsAnyOf(data.isEmpty() ? "bundled" : "bin/lstm-tuner fetch ");
        }
        assertThat(experiments).isGreaterThanOrEqualTo(5);
    }

    @Test
    void defaultsAreTpeWithAshaPruningMinimizingValRmse() {
        Experiment e = parse("");
        assertThat(e.sampler()).isEqualTo("tpe");
        assertThat(e.pruner()).isEqualTo("asha");
        assertThat(e.objective()).isEqualTo(Objective.VAL_RMSE);
        assertThat(e.direction()).isEqualTo(Direction.MINIMIZE);
    }

    @Test
    void resolvedJsonParsesBackToTheSameExperiment() {
        Experiment e = parse("\"sampler\": {\"type\": \"tpe\", \"n_startup\": 3}, \"pruner\": {\"type\": \"asha\", \"reduction_factor\": 2},"
                + " \"budget\": {\"max_trials\": 9, \"max_minutes\": 2.5}, \"seed\": 5, \"config\": {\"units\": [8]}");
        Experiment back = ExperimentLoader.parse(ExperimentLoader.resolvedJson(e), "stored", null);
        assertThat(back.base()).isEqualTo(e.base());
        assertThat(back.samplerOptions()).isEqualTo(e.samplerOptions());
        assertThat(back.prunerOptions()).isEqualTo(e.prunerOptions());
        assertThat(back.budget()).isEqualTo(e.budget());
        assertThat(back.seed()).isEqualTo(5);
    }

    @Test
    void aTestMetricIsNeverAnObjective() {
        assertThatThrownBy(() -> parse("\"objective\": \"test_rmse\""))
                .isInstanceOf(BadInputException.class).hasMessageContaining("e.json").hasMessageContaining("test metrics");
    }

    @Test
    void theDirectionFollowsTheObjectiveAndAContradictionIsRefusedNamingTheKey() {
        assertThat(parse("\"objective\": \"val_loss\"").direction()).isEqualTo(Direction.MINIMIZE);
        Experiment accuracy = parse("\"objective\": \"val_direction_accuracy\"");
        assertThat(accuracy.objective()).isEqualTo(Objective.VAL_DIRECTION_ACCURACY);
        assertThat(accuracy.direction()).as("a maximise objective needs no direction key").isEqualTo(Direction.MAXIMIZE);
        assertThatThrownBy(() -> parse("\"objective\": \"direction_accuracy\""))
                .as("the test split's direction accuracy is never an objective")
                .hasMessageContaining("test-split").hasMessageContaining("val_direction_accuracy");
        assertThat(parse("\"objective\": \"best_val_rmse\", \"direction\": \"minimize\"").objective())
                .isEqualTo(Objective.VAL_RMSE);
        assertThatThrownBy(() -> parse("\"objective\": \"val_rmse\", \"direction\": \"maximize\""))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("e.json").hasMessageContaining("\"direction\"").hasMessageContaining("val_rmse");
        assertThatThrownBy(() -> parse("\"objective\": \"val_rmsee\""))
                .hasMessageContaining("\"objective\"").hasMessageContaining("val_rmse, val_loss");
    }

    @Test
    void theBindingConvertsNothingSilentlyAndNamesTheFileAndTheKey() {
        assertThatThrownBy(() -> parse("\"seed\": \"7\"")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("e.json: ").hasMessageContaining("\"seed\"").hasMessageContaining("integer");
        assertThatThrownBy(() -> parse("\"budget\": {\"max_trials\": 2.5}"))
                .hasMessageStartingWith("e.json: ").hasMessageContaining("\"budget.max_trials\"");
        assertThatThrownBy(() -> parse("\"budget\": {\"max_trails\": 2}"))
                .hasMessageContaining("unknown key \"budget.max_trails\"").hasMessageContaining("max_trials");
        assertThatThrownBy(() -> parse("\"description\": 5")).hasMessageContaining("\"description\" must be a string");
        assertThatThrownBy(() -> parse("\"budget\": 20")).hasMessageContaining("\"budget\" must be an object");
        assertThatThrownBy(() -> parse("\"keep_models\": 4294967297"))
                .hasMessageContaining("\"keep_models\"").hasMessageContaining("out of range");
        assertThatThrownBy(() -> parse("\"symbols\": {\"BTCUSDT\": 5}")).hasMessageContaining("symbols.BTCUSDT");
        assertThatThrownBy(() -> ExperimentLoader.parse("[1]", "e.json", null)).hasMessageContaining("JSON object");
        assertThat(parse("\"seed\": 7, \"keep_models\": 2").seed()).isEqualTo(7);
    }

    @Test
    void badInputNamesTheKey() {
        assertThatThrownBy(() -> parse("\"budgit\": {}")).hasMessageContaining("\"budgit\"");
        assertThatThrownBy(() -> parse("\"budget\": {\"max_consecutive_failures\": 2}")).hasMessageContaining("never ends");
        assertThatThrownBy(() -> parse("\"budget\": {\"max_trials\": 0}")).hasMessageContaining("budget.max_trials");
        assertThatThrownBy(() -> parse("\"config\": {\"unitz\": [8]}")).hasMessageContaining("\"unitz\"");
        assertThatThrownBy(() -> parse("\"config\": {\"features\": [\"rsi\"]}")).hasMessageContaining("rsi");
        assertThatThrownBy(() -> parse("\"direction\": \"up\"")).hasMessageContaining("direction");
        assertThatThrownBy(() -> ExperimentLoader.parse("{\"name\": \"x\"}", "e.json", null)).hasMessageContaining("\"space\" is missing");
        assertThatThrownBy(() -> ExperimentLoader.parse("{\"name\": \"x\", \"space\": \"nope.json\"}", "e.json", null))
                .hasMessageContaining("nope.json");
        assertThatThrownBy(() -> ExperimentLoader.parse("{\"name\": \"x\",\n \"space\": }", "e.json", null))
                .hasMessageContaining("line 2");
    }

    @Test
    void confirmIsOptionalRoundTripsAndIsValidated() {
        assertThat(parse("\"seed\": 1").confirm()).isNull();
        Experiment e = parse("\"confirm\": {\"top_k\": 4, \"seeds\": 2}");
        assertThat(e.confirm()).isEqualTo(new Experiment.Confirm(4, 2));
        assertThat(ExperimentLoader.parse(ExperimentLoader.resolvedJson(e), "stored", null).confirm()).isEqualTo(e.confirm());
        assertThat(parse("\"confirm\": {}").confirm()).isEqualTo(new Experiment.Confirm(5, 3));
        assertThatThrownBy(() -> parse("\"confirm\": {\"top\": 3}")).hasMessageContaining("\"confirm.top\"");
        assertThatThrownBy(() -> parse("\"confirm\": {\"seeds\": 0}")).hasMessageContaining("\"confirm.seeds\"");
        assertThatThrownBy(() -> parse("\"confirm\": 5")).hasMessageContaining("\"confirm\" must be an object");
    }
}

