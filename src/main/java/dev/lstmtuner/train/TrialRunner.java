package dev.lstmtuner.train;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.features.FeatureMatrix;
import dev.lstmtuner.features.Windows;
import dev.lstmtuner.model.ModelFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One configuration end to end: load and validate the data, build causal features and windows, train, evaluate.
 * The train command, search workers and reproduce all run trials through here, so they cannot drift apart.
 */
public final class TrialRunner {
    private TrialRunner() {
    }

    /** Data made ready for a config: validated series, its fingerprint and the model-ready windows. */
    public record Prepared(LoadedData data, DataFingerprint.Fingerprint fingerprint, Dataset dataset) {
    }

    public record Outcome(Prepared prepared, MultiLayerNetwork network, TrainResult result,
                          Evaluator.Evaluation evaluation) {
        public FinalMetrics metrics() {
            return evaluation.metrics();
        }
    }

    public static Prepared prepare(RunConfig c) {
        LoadedData data = DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows(), c.dateRange());
        FeatureMatrix fm = FeatureBuilder.build(data.series(), c.features());
        Dataset ds = Windows.build(data.series(), fm, c.timeSteps(), c.horizon(), c.target(), c.split(), c.scaler());
        return new Prepared(data, DataFingerprint.of(data.series()), ds);
    }

    public static Outcome run(RunConfig c, Prepared p, EpochListener listener, Trainer.BatchProgress progress) {
        NativeRuntime.useThreads(c.threads());
        MultiLayerNetwork net = ModelFactory.build(c, p.dataset().features());
        TrainResult result = new Trainer(c).withBatchProgress(progress).train(net, p.dataset(), listener);
        return new Outcome(p, net, result, Evaluator.evaluate(net, p.dataset(), result));
    }
}
