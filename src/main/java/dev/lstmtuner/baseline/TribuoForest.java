package dev.lstmtuner.baseline;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A forest saved by lstm-tuner before 0.2 ({@code model.tribuo}: Tribuo CART trees on each window's last bar), read
 * so that exported model folders and stored trials keep predicting. New forests are {@link ForestModel}s.
 */
public final class TribuoForest implements BaselineModel {
    private final Model<Regressor> model;
    private final int features;
    private final int timeSteps;
    private String[] names;

    private TribuoForest(Model<Regressor> model, int features, int timeSteps) {
        this.model = model;
        this.features = features;
        this.timeSteps = timeSteps;
    }

    /** Window k's last bar: feature f sits at {@code x[(k * features + f) * timeSteps + timeSteps - 1]} (NCW). */
    private Example<Regressor> example(float[] x, int k, Regressor output) {
        if (names == null) {
            names = new String[features];
            for (int f = 0; f < features; f++) names[f] = String.format("f%03d", f);   // sorted order = feature order
        }
        double[] values = new double[features];
        for (int f = 0; f < features; f++) values[f] = x[(k * features + f) * timeSteps + timeSteps - 1];
        return new ArrayExample<>(output, names, values);
    }

    @Override
    public String family() {
        return "forest";
    }

    @Override
    public float[] predictScaled(float[] x, int n, int per) {
        if (per != features * timeSteps) {
            throw new IllegalArgumentException("windows have " + per + " values, the forest takes " + features * timeSteps);
        }
        List<Example<Regressor>> examples = new ArrayList<>(n);
        for (int k = 0; k < n; k++) examples.add(example(x, k, RegressionFactory.UNKNOWN_REGRESSOR));
        List<Prediction<Regressor>> out = model.predict(examples);
        float[] y = new float[n];
        for (int k = 0; k < n; k++) y[k] = (float) out.get(k).getOutput().getValues()[0];
        return y;
    }

    /** The number of trees (the size that matters for a forest; node counts are not exposed by the ensemble). */
    @Override
    public long numParams() {
        return model instanceof EnsembleModel<Regressor> e ? e.getNumModels() : 1;
    }

    @Override
    public String fileName() {
        return "model.tribuo";
    }

    @Override
    public void write(Path file) throws IOException {
        model.serializeToFile(file);
    }

    @SuppressWarnings("unchecked")
    static TribuoForest read(byte[] bytes, String source, int features, int timeSteps) throws IOException {
        ModelProto proto = ModelProto.parseFrom(bytes);
        // Tribuo instantiates the class the proto names: only its own models are accepted
        if (!proto.getClassName().startsWith("org.tribuo.")) {
            throw Baselines.corrupt(source, "names the class \"" + proto.getClassName() + "\", not a Tribuo model");
        }
        Model<?> m = Model.deserialize(proto);
        if (!m.validate(Regressor.class)) throw Baselines.corrupt(source, "not a regression forest");
        return new TribuoForest((Model<Regressor>) m, features, timeSteps);
    }
}
