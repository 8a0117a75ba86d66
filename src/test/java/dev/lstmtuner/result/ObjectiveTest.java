package dev.lstmtuner.result;

import dev.lstmtuner.config.BadInputException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ObjectiveTest {
    private static FoldMetrics fold(double valRmse, double valLoss) {
        ForecastMetrics f = new ForecastMetrics(1, 2, 3, 0.5, 0.6);
        return new FoldMetrics(1, 10, 5, 5, 0, 1, valRmse, valLoss, 3, 2, f, f, 0.1, null);
    }

    @Test
    void oldSpellingsReadAsTheOneSpelling() {
        assertThat(Objective.byKey("best_val_rmse")).contains(Objective.VAL_RMSE);
        assertThat(Objective.byKey(" Params_Count ")).contains(Objective.PARAMS);
        assertThat(Objective.byKey("val_rmse")).contains(Objective.VAL_RMSE);
        assertThat(Objective.byKey("learning_rate")).isEmpty();
        assertThat(Objective.keys()).contains("val_rmse", "params").doesNotContain("best_val_rmse", "params_count");
    }

    @Test
    void onlyValidationMetricsCanBeSearchedOn() {
        assertThat(Objective.parse(null, "e.json")).isEqualTo(Objective.VAL_RMSE);
        assertThat(Objective.parse("val_loss", "e.json")).isEqualTo(Objective.VAL_LOSS);
        assertThatThrownBy(() -> Objective.parse("test_rmse", "e.json: \"objective\""))
                .isInstanceOf(BadInputException.class).hasMessageContaining("e.json: \"objective\"")
                .hasMessageContaining("test-split");
        assertThatThrownBy(() -> Objective.parse("rmse", "e.json")).hasMessageContaining("unknown objective \"rmse\"");
        assertThatThrownBy(() -> Objective.TEST_RMSE.ofFolds(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDirectionThatContradictsTheObjectiveIsRefused() {
        assertThat(Objective.VAL_RMSE.direction(null, "e.json")).isEqualTo(Direction.MINIMIZE);
        assertThat(Objective.DIRECTION_ACCURACY.direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(Objective.SKILL.direction(Direction.MAXIMIZE, "e.json")).isEqualTo(Direction.MAXIMIZE);
        assertThatThrownBy(() -> Objective.VAL_LOSS.direction(Direction.MAXIMIZE, "e.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("e.json").hasMessageContaining("\"direction\" is maximize")
                .hasMessageContaining("val_loss");
    }

    @Test
    void theObjectiveOfARunIsTheMeanOverFoldsAndTheCurveIsPerEpoch() {
        List<FoldMetrics> folds = List.of(fold(10, 0.2), fold(20, 0.4));
        assertThat(Objective.VAL_RMSE.ofFolds(folds)).isEqualTo(15.0);
        assertThat(Objective.VAL_LOSS.ofFolds(folds)).isCloseTo(0.3, within(1e-12));
        EpochMetrics e = new EpochMetrics(1, 0.9, 0.5, 42, 10);
        assertThat(Objective.VAL_RMSE.ofEpoch(e)).isEqualTo(42.0);
        assertThat(Objective.VAL_LOSS.ofEpoch(e)).isEqualTo(0.5);
    }

    @Test
    void metricsAreReadFromATrialsFinalMetrics() {
        ForecastMetrics model = new ForecastMetrics(1, 2, 3, 0.4, 0.55);
        ForecastMetrics persistence = new ForecastMetrics(1.5, 2.5, 3.5, 0.3, 0.5);
        FinalMetrics single = new FinalMetrics(model, persistence, 0.2, 9.5, 1234, 7, 5, 12.5, 100);
        assertThat(Objective.VAL_RMSE.of(single)).isEqualTo(9.5);
        assertThat(Objective.PARAMS.of(single)).isEqualTo(1234.0);
        assertThat(Objective.DIRECTION_ACCURACY.of(single)).isEqualTo(0.55);
        assertThat(Objective.PERSISTENCE_RMSE.of(single)).isEqualTo(2.5);
        // a single split records no per-fold val_loss: none rather than a made-up number
        assertThat(Objective.VAL_LOSS.of(single)).isNull();
        assertThat(Objective.TEST_RMSE.of(null)).isNull();
    }
}
