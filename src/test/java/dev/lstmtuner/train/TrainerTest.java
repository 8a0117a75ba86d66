package dev.lstmtuner.train;

import org.assertj.core.data.Offset;
import dev.lstmtuner.analysis.Verdict;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.model.ModelFactory;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.Objective;

import java.util.HashMap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {
    /** A small run on the last 1,500 bundled minutes: seconds, not minutes. */
    static RunConfig tiny(Map<String, Object> more) {
        Map<String, Object> o = new HashMap<>(Map.of(
                "max_rows", 1500, "features", List.of("log_return_1", "hl_range", "rsi_14", "volume_z_20"),
                "time_steps", 10, "units", List.of(8), "dense_units", 0, "dropout", 0.0,
                "max_epochs", 4, "patience", 0, "batch_size", 32, "learning_rate", 0.01));
        o.putAll(more);
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "test");
    }

    @Test
    void trainingLowersTheLossAndGivesFiniteMetricsBesidePersistence() {
        RunConfig c = tiny(Map.of());
        TrialRunner.Prepared p = TrialRunner.prepare(c);
        List<EpochMetrics> seen = new ArrayList<>();
        TrialRunner.Outcome o = TrialRunner.run(c, p, m -> {
            seen.add(m);
            return EpochListener.Verdict.CONTINUE;
        }, (e, b, n, t) -> { });

        assertThat(seen).hasSize(4);
        assertThat(seen.get(3).trainLoss()).isLessThan(seen.get(0).trainLoss());
        FinalMetrics f = o.metrics();
        assertThat(List.of(f.model().mae(), f.model().rmse(), f.model().mape(), f.model().r2(), f.persistence().rmse(), f.skill()))
                .allMatch(Double::isFinite);
        assertThat(f.skill()).isEqualTo(1 - f.model().rmse() / f.persistence().rmse());
        assertThat(f.testWindows()).isEqualTo(p.dataset().test().n());
        assertThat(f.bestEpoch()).isBetween(1, 4);
        assertThat(f.bestValRmse()).isEqualTo(seen.get(f.bestEpoch() - 1).valRmse());
        assertThat(f.params()).isEqualTo(4L * (4 * 8 + 8 * 8 + 8) + 8 + 1);
        // the Diebold–Mariano test against persistence on the same test windows is part of every evaluation
        assertThat(f.persistencePValue()).isBetween(0.0, 1.0);
        assertThat(Math.signum(f.persistenceStatistic())).isEqualTo(-Math.signum(f.skill()));
        assertThat(Verdict.persistence(f).words()).contains("persistence (p");
        // and the ridge baseline, fitted on the same training windows, on the same test windows
        assertThat(f.ridgeRmse()).isPositive().isNotEqualTo(f.persistence().rmse());
        assertThat(Verdict.ridge(f).words()).contains("the ridge baseline (p");
    }

    @Test
    void sameSeedAndThreadsGiveBitIdenticalRuns() {
        RunConfig c = tiny(Map.of("dropout", 0.2, "max_epochs", 2));
        TrialRunner.Prepared p = TrialRunner.prepare(c);
        TrialRunner.Outcome a = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
        TrialRunner.Outcome b = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, (e, b2, n, t) -> { });
        assertThat(b.result().curve()).isEqualTo(a.result().curve().stream()
                .map(m -> new EpochMetrics(m.epoch(), m.trainLoss(), m.valLoss(), m.valRmse(),
                        b.result().curve().get(m.epoch() - 1).durationMs(), m.valDirectionAccuracy()))
                .toList());
        assertThat(b.network().params()).isEqualTo(a.network().params());
        assertThat(b.metrics().model()).isEqualTo(a.metrics().model());
    }

    @Test
    void theDirectionAccuracyObjectiveIsTheBestEpochsOnTheValidationWindowsNeverTheTestWindows() {
        RunConfig c = tiny(Map.of("max_epochs", 3));
        TrialRunner.Prepared p = TrialRunner.prepare(c);
        TrialRunner.Outcome o = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
        Dataset ds = p.dataset();
        // the network holds the best epoch's weights: its validation forecasts give the recorded value
        double onValidation = Metrics.of(Forecasts.predictPrices(o.network(), ds, ds.val()), ds.val().actualClose(),
                ds.val().anchorClose()).directionAccuracy();
        assertThat(o.objective(Objective.VAL_DIRECTION_ACCURACY)).isEqualTo(onValidation)
                .isEqualTo(o.result().curve().get(o.result().bestEpoch() - 1).valDirectionAccuracy())
                .isNotEqualTo(o.metrics().model().directionAccuracy());
        assertThat(Objective.VAL_DIRECTION_ACCURACY.direction()).isEqualTo(Direction.MAXIMIZE);
    }

    @Test
    void aDifferentSeedGivesADifferentRun() {
        RunConfig c = tiny(Map.of("max_epochs", 1));
        TrialRunner.Prepared p = TrialRunner.prepare(c);
        TrialRunner.Outcome a = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
        RunConfig other = ConfigLoader.withOverrides(c, Map.of("seed", 7), "test");
        TrialRunner.Outcome b = TrialRunner.run(other, p, m -> EpochListener.Verdict.CONTINUE, (e, b2, n, t) -> { });
        assertThat(b.network().params()).isNotEqualTo(a.network().params());
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsWeights() {
        RunConfig c = tiny(Map.of("max_epochs", 30, "patience", 2, "learning_rate", 0.05));
        TrialRunner.Prepared p = TrialRunner.prepare(c);
        TrialRunner.Outcome o = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
        TrainResult r = o.result();
        assertThat(r.epochs()).isLessThan(30);
        assertThat(r.epochs()).isEqualTo(r.bestEpoch() + 2);
        assertThat(r.stopReason()).contains("early stopping");
        // the network holds the best epoch's weights: its validation RMSE is the best one
        double[] val = Forecasts.predictPrices(o.network(), p.dataset(), p.dataset().val());
        assertThat(Metrics.rmse(val, p.dataset().val().actualClose())).isCloseTo(r.bestValRmse(), Offset.offset(1e-9));
    }

    @Test
    void minDeltaStopsARunWhoseValLossOnlyCreeps() {
        // no decrease of the val loss can be larger than 1e6: the run stops once patience runs out after epoch 1
        RunConfig c = tiny(Map.of("max_epochs", 6, "patience", 2, "min_delta", 1e6, "min_delta_mode", "absolute"));
        TrialRunner.Outcome o = TrialRunner.run(c, TrialRunner.prepare(c), m -> EpochListener.Verdict.CONTINUE,
                (e, b, n, t) -> { });
        assertThat(o.result().curve()).hasSize(3);
        assertThat(o.result().stopReason()).contains("by more than min_delta").contains("for 2 epochs");
        // the weights kept are still those of the lowest val loss
        double lowest = o.result().curve().stream().mapToDouble(EpochMetrics::valLoss).min().orElseThrow();
        assertThat(o.result().bestValLoss()).isEqualTo(lowest);
    }

    @Test
    void aListenerCanStopTheRunAsPruned() {
        RunConfig c = tiny(Map.of("max_epochs", 5));
        TrialRunner.Prepared p = TrialRunner.prepare(c);
        TrialRunner.Outcome o = TrialRunner.run(c, p, m -> m.epoch() == 2 ? EpochListener.Verdict.stop("pruned at 2") : EpochListener.Verdict.CONTINUE,
                (e, b, n, t) -> { });
        assertThat(o.result().pruned()).isTrue();
        assertThat(o.result().epochs()).isEqualTo(2);
        assertThat(o.result().stopReason()).isEqualTo("pruned at 2");
    }

    @Test
    void nanLossFailsWithAMessageSayingWhatToTry() {
        RunConfig c = tiny(Map.of("max_epochs", 2));
        Dataset ds = TrialRunner.prepare(c).dataset();
        float[] y = ds.train().y().clone();
        y[3] = Float.NaN;
        Dataset.Split bad = new Dataset.Split(ds.train().n(), ds.train().x(), y, ds.train().anchor(), ds.train().anchorTimeMs(),
                ds.train().anchorClose(), ds.train().actualClose());
        Dataset broken = new Dataset(ds.featureNames(), ds.timeSteps(), ds.horizon(), ds.target(), bad, ds.val(), ds.test(),
                ds.featureScaler(), ds.targetScaler(), ds.warmupRowsDropped(), ds.windowsSkippedAtGaps());
        assertThatThrownBy(() -> new Trainer(c).train(ModelFactory.build(c, ds.features()), broken, m -> EpochListener.Verdict.CONTINUE))
                .isInstanceOf(TrainingFailedException.class)
                .hasMessageContaining("at epoch 1")
                .hasMessageContaining("lower the learning rate");
    }
}
