package dev.lstmtuner.train;

import dev.lstmtuner.baseline.Baselines;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.model.ModelFactory;
import dev.lstmtuner.result.EpochListener;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;

/**
 * The refit of nested walk-forward (and of the lockbox scoring): the configuration trained from scratch, same seed,
 * on a dataset without validation windows, for a fixed number of epochs chosen beforehand (the median of the folds'
 * best epochs), keeping the last weights. Nothing is chosen on the bars it is then scored on.
 */
public final class Refit {
    private Refit() {
    }

    /** The refit model: a network (null for a non-neural family) and its forecaster, with its training run. */
    public record Fitted(MultiLayerNetwork network, Forecaster forecaster, TrainResult result) {
    }

    public static Fitted fit(RunConfig c, Dataset ds, int epochs, Trainer.BatchProgress progress) {
        if (ds.val().n() != 0) throw new IllegalArgumentException("a refit dataset has no validation windows");
        if (Baselines.handles(c.model())) {
            long start = System.nanoTime();
            Forecaster f = Forecaster.of(Baselines.fit(c, ds));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Fitted(null, f, new TrainResult(List.of(), 1, Double.NaN, Double.NaN,
                    "refit " + c.model() + " on the development region", false, seconds));
        }
        RunConfig fixed = ConfigLoader.withOverrides(c, Map.of("max_epochs", Math.max(1, epochs)), "refit");
        MultiLayerNetwork net = ModelFactory.build(fixed, ds.features());
        TrainResult r = new Trainer(fixed).withBatchProgress(progress).train(net, ds,
                m -> EpochListener.Verdict.CONTINUE);
        return new Fitted(net, Forecaster.of(net), r);
    }
}
