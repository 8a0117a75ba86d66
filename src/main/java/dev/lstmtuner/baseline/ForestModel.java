package dev.lstmtuner.baseline;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A random forest of CART regression trees (Tribuo) on each window's last bar: its features (returns, volatility,
 * RSI, MACD, ...) already summarise the bars before, as the tutorial's random forest uses them; the whole flattened
 * window made Tribuo's trees two orders of magnitude slower (2 trees on 24 × 20 values of BTC 2024 hourly: 397 s).
 * {@code trees} trees on bootstrap samples, each split choosing among a third of the features, depth at most
 * {@code maxDepth}, predictions averaged. Seeded, so the same config gives the same forest.
 */
public final class ForestModel implements BaselineModel {
    private static final RegressionFactory FACTORY = new RegressionFactory();
    private static final String TARGET = "target";

    static {
        // Tribuo logs every tree it builds at INFO; a search would drown in them
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    }
    private final Model<Regressor> model;
    private final int features;
    private final int timeSteps;
    private String[] names;

    private ForestModel(Model<Regressor> model, int features, int timeSteps) {
        this.model = model;
        this.features = features;
        this.timeSteps = timeSteps;
    }

    public static ForestModel fit(float[] x, float[] y, int n, int features, int timeSteps, int trees, int maxDepth,
                                  long seed) {
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("windows", FACTORY), FACTORY);
        ForestModel shape = new ForestModel(null, features, timeSteps);
        for (int k = 0; k < n; k++) data.add(shape.example(x, k, new Regressor(TARGET, y[k])));
        CARTRegressionTrainer tree = new CARTRegressionTrainer(maxDepth, 5f, 0f, 1f / 3, false, new MeanSquaredError(), seed);
        RandomForestTrainer<Regressor> forest = new RandomForestTrainer<>(tree, new AveragingCombiner(), trees, seed);
        return new ForestModel(forest.train(data), features, timeSteps);
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
    static ForestModel read(byte[] bytes, String source, int features, int timeSteps) throws IOException {
        ModelProto proto = ModelProto.parseFrom(bytes);
        // Tribuo instantiates the class the proto names: only its own tree ensembles are accepted
        if (!proto.getClassName().startsWith("org.tribuo.")) {
            throw Baselines.corrupt(source, "names the class \"" + proto.getClassName() + "\", not a Tribuo model");
        }
        Model<?> m = Model.deserialize(proto);
        if (!m.validate(Regressor.class)) throw Baselines.corrupt(source, "not a regression forest");
        return new ForestModel((Model<Regressor>) m, features, timeSteps);
    }
}
