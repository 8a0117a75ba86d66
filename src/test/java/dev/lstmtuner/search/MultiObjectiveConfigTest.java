package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Objective;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The experiment's "objectives": what it accepts, what it refuses and how, and that a stored campaign keeps it. */
class MultiObjectiveConfigTest {
    private static final String SPACE = "\"space\": {\"params\": {\"learning_rate\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.01}}}";

    private static Experiment parse(String body) {
        return ExperimentLoader.parse("{\"name\": \"mo\", " + SPACE + ", " + body + "}", "mo.json", null);
    }

    @Test
    void severalObjectivesMakeTheFirstThePrimaryAndNsga2TheDefaultSamplerAndSurviveTheStore() {
        Experiment e = parse("\"objectives\": [{\"name\": \"val_rmse\", \"direction\": \"minimize\"},"
                + " {\"name\": \"training_seconds\"}, {\"name\": \"params_count\"}]");
        assertThat(e.objectives().list()).containsExactly(Objective.VAL_RMSE, Objective.TRAINING_SECONDS, Objective.PARAMS);
        assertThat(e.objective()).isEqualTo(Objective.VAL_RMSE);
        assertThat(e.sampler()).isEqualTo("nsga2");
        assertThat(e.pruner()).as("pruning stays on, on the primary").isEqualTo("asha");
        Experiment back = ExperimentLoader.parse(ExperimentLoader.resolvedJson(e), "stored", null);
        assertThat(back.objectives()).isEqualTo(e.objectives());
        assertThat(back.sampler()).isEqualTo("nsga2");
        assertThat(parse("\"objective\": \"val_loss\"").objectives().multi()).isFalse();
        Experiment one = parse("\"objectives\": [{\"name\": \"val_loss\"}]");
        assertThat(one.objective()).as("a list of one is that objective alone").isEqualTo(Objective.VAL_LOSS);
        assertThat(one.objectives().multi()).isFalse();
        assertThat(one.sampler()).isEqualTo("tpe");
    }

    @Test
    void aTestMetricIsRefusedAndDirectionAccuracyNamesItsValidationTwin() {
        assertThatThrownBy(() -> parse("\"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"direction_accuracy\","
                + " \"direction\": \"maximize\"}]"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("mo.json")
                .hasMessageContaining("objectives[1]").hasMessageContaining("selection never sees the test bars")
                .hasMessageContaining("\"val_direction_accuracy\"");
        assertThatThrownBy(() -> parse("\"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"skill\"}]"))
                .hasMessageContaining("test-split metric").hasMessageContaining("training_seconds");
    }

    @Test
    void badObjectivesAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> parse("\"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"speed\"}]"))
                .hasMessageContaining("objectives[1]").hasMessageContaining("unknown objective \"speed\"");
        assertThatThrownBy(() -> parse("\"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"best_val_rmse\"}]"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> parse("\"objectives\": [{\"name\": \"params\"}, {\"name\": \"val_rmse\"}]"))
                .hasMessageContaining("primary").hasMessageContaining("move \"params\" after it");
        assertThatThrownBy(() -> parse("\"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"training_seconds\","
                + " \"direction\": \"maximize\"}]")).hasMessageContaining("objectives[1]").hasMessageContaining("minimize");
        assertThatThrownBy(() -> parse("\"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"params\","
                + " \"direction\": \"down\"}]")).hasMessageContaining("direction must be");
        assertThatThrownBy(() -> parse("\"objectives\": []")).hasMessageContaining("at least one objective");
        assertThatThrownBy(() -> parse("\"objectives\": [{\"name\": \"val_rmse\", \"weight\": 2}]"))
                .hasMessageContaining("unknown key").hasMessageContaining("weight");
        assertThatThrownBy(() -> parse("\"objective\": \"val_rmse\", \"objectives\": [{\"name\": \"val_rmse\"}]"))
                .hasMessageContaining("give \"objectives\" alone");
    }

    @Test
    void theShippedMultiObjectiveExperimentIsValid() {
        Experiment e = ExperimentLoader.load(Path.of("experiments/multi-objective.json"));
        ExperimentValidator.validate(e, "experiments/multi-objective.json");
        assertThat(e.objectives().keys()).containsExactly("val_rmse", "training_seconds");
        assertThat(e.sampler()).isEqualTo("nsga2");
        assertThat(e.confirm()).isNotNull();
    }

    @Test
    void aSingleObjectiveSamplerIsRefusedWithSeveralObjectives() {
        Experiment e = parse("\"sampler\": \"tpe\", \"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"params\"}]");
        assertThatThrownBy(() -> ExperimentValidator.validate(e, "mo.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"tpe\" ranks trials on one objective");
    }
}
