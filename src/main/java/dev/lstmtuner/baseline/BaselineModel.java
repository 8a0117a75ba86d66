package dev.lstmtuner.baseline;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted non-neural forecaster over flattened windows: each window's {@code features × timeSteps} scaled values
 * in the dataset's NCW order, one scaled target value out.
 */
public interface BaselineModel {
    /** The family name, as the {@code model} config key spells it. */
    String family();

    /** Scaled outputs for {@code n} windows laid out flat ({@code per} values each). */
    float[] predictScaled(float[] x, int n, int per);

    /** Number of fitted parameters (weights; tree nodes for a forest). */
    long numParams();

    /** The file {@link #write} writes in a model folder: {@code model.json} or {@code model.tribuo}. */
    String fileName();

    /** Writes the fitted model so that {@link Baselines#read} gives one that predicts bit-identically. */
    void write(Path file) throws IOException;
}
