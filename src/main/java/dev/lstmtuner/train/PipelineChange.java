package dev.lstmtuner.train;

import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.FeatureMatrix;
import dev.lstmtuner.features.ScalerFitting;

import java.util.function.UnaryOperator;

/**
 * A deliberate change to the pipeline, for the leakage audit only: how scalers are fitted, what the feature matrix
 * holds, and what every cut's windows hold (the folds' and the headline's). Trials always run with {@link #NONE}.
 */
public record PipelineChange(ScalerFitting fitting, UnaryOperator<FeatureMatrix> features,
                             UnaryOperator<Dataset> windows) {
    public static final PipelineChange NONE = new PipelineChange(ScalerFitting.TRAINING_ROWS, UnaryOperator.identity(),
            UnaryOperator.identity());

    /**
     * The audit's own change applied first, then this one: a canary changes the data as it enters the pipeline,
     * and the pipeline (with any fault planted in it) runs on from there.
     */
    public PipelineChange after(UnaryOperator<FeatureMatrix> firstFeatures, UnaryOperator<Dataset> firstWindows) {
        return new PipelineChange(fitting, f -> features.apply(firstFeatures.apply(f)),
                d -> windows.apply(firstWindows.apply(d)));
    }
}
