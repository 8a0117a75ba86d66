package dev.lstmtuner.train;

import dev.lstmtuner.baseline.BaselineModel;
import dev.lstmtuner.baseline.Baselines;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.Intervals;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.features.FeatureMatrix;
import dev.lstmtuner.features.Inputs;
import dev.lstmtuner.features.Windows;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A saved model ({@link ModelBundle}'s folder) loaded for forecasting. It builds features with the saved spec,
 * scales them with the saved scaler and runs windows through {@link Forecasts} exactly as evaluation did, so the
 * forecasts for the trial's own test windows equal its {@code predictions.csv} bit for bit.
 */
public final class Predictor {
    private final Path dir;
    private final Forecaster model;
    private final Preprocessing preprocessing;
    private final RunConfig config;
    private final ManifestCheck.Manifest manifest;

    private Predictor(Path dir, Forecaster model, Preprocessing preprocessing, RunConfig config,
                      ManifestCheck.Manifest manifest) {
        this.dir = dir;
        this.model = model;
        this.preprocessing = preprocessing;
        this.config = config;
        this.manifest = manifest;
    }

    /**
     * One forecast per window, in time order: made at anchor bar time {@code anchorTimeMs[k]} for
     * {@code targetTimeMs[k]} (anchor + horizon bars). {@code actual[k]} is NaN where that bar is not in the data.
     */
    public record Forecast(long[] anchorTimeMs, long[] targetTimeMs, double[] lastClose, double[] predicted,
                           double[] actual) {
        public int n() {
            return predicted.length;
        }

        public boolean hasActual(int k) {
            return !Double.isNaN(actual[k]);
        }
    }

    /** Reads and checks the folder: the manifest and its checksums, preprocessing, config, then the network. */
    public static Predictor load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": model folder not found; pass the folder export-model wrote "
                    + "(it holds " + ModelBundle.MODEL + ", " + ModelBundle.PREPROCESSING + ", " + ModelBundle.CONFIG + ")");
        }
        // every file below comes from the manifest's verified bytes: nothing is read from the folder twice
        ManifestCheck.Manifest manifest = ManifestCheck.verify(dir);
        Path pre = dir.resolve(ModelBundle.PREPROCESSING);
        Preprocessing p = Preprocessing.parse(text(manifest, pre), pre.toString());
        Path cfg = dir.resolve(ModelBundle.CONFIG);
        RunConfig config = ConfigLoader.parse(text(manifest, cfg), cfg.toString());
        Optional<BaselineModel> baseline = Baselines.read(dir, manifest.files(), p.features().size(), p.timeSteps());
        Forecaster model;
        if (baseline.isPresent()) {
            model = Forecaster.of(baseline.get());
        } else {
            MultiLayerNetwork net = ModelBundle.readModel(dir, manifest.bytes(ModelBundle.MODEL));
            long nIn = inputSize(net);
            if (nIn >= 0 && nIn != p.features().size()) {
                throw new BadInputException(pre + ": lists " + p.features().size() + " features but the network in "
                        + ModelBundle.MODEL + " takes " + nIn + "; the files do not belong together, export the trial again");
            }
            model = Forecaster.of(net);
        }
        try {
            FeatureBuilder.checkNames(p.features());
        } catch (BadInputException e) {
            throw new BadInputException(pre + ": " + e.getMessage() + "; the file is corrupt or from another version");
        }
        return new Predictor(dir, model, p, config, manifest);
    }

    public Path dir() {
        return dir;
    }

    /** The DL4J network; null for a non-neural family (see {@link #model()}). */
    public MultiLayerNetwork network() {
        return model.network();
    }

    public Forecaster model() {
        return model;
    }

    /** The bar interval of the data the model was trained on; null when the folder does not record it. */
    public Long barIntervalMs() {
        return manifest.barIntervalMs();
    }

    /**
     * Why forecasting this series would mislead (its bars are not the training data's), or null when it fits:
     * a model trained on 1-minute bars forecasts one minute ahead, whatever the bars it is fed.
     */
    public String intervalMismatch(Series s) {
        Long trained = manifest.barIntervalMs();
        if (trained == null) {
            return dir + " does not record the bar interval of its training data (exported by an older version), "
                    + "so nothing checks that " + s.source() + "'s " + Intervals.human(s.intervalMs())
                    + " bars match it; export the trial again to record it";
        }
        if (trained == s.intervalMs()) return null;
        return s.source() + " has " + Intervals.human(s.intervalMs()) + " bars but the model was trained on "
                + Intervals.human(trained) + " bars: its forecasts would be for the wrong horizon; pass data with "
                + Intervals.human(trained) + " bars";
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The trial's resolved config (its data, gap policy, max_rows and threads are the defaults for predict). */
    public RunConfig config() {
        return config;
    }

    /** Forecasts for every gap-free window of the series, the last one being the forecast beyond its end. */
    public Forecast predict(Series series) {
        // the same thread count as the trial: the arithmetic, and so the last bits, stay the same
        NativeRuntime.useThreads(config.threads());
        Preprocessing p = preprocessing;
        FeatureMatrix fm = FeatureBuilder.build(series, p.features());
        Inputs in = Windows.inputs(series, fm, p.timeSteps(), p.horizon(), p.featureScaler());
        float[] scaled = model.predictScaled(in.x(), in.anchor(), in.n(), in.features(), in.timeSteps());
        double[] predicted = Forecasts.toPrices(p.targetScaler(), p.target(), in.anchorClose(), scaled);
        long[] targetTime = new long[in.n()];
        for (int k = 0; k < in.n(); k++) targetTime[k] = in.anchorTimeMs()[k] + p.horizon() * series.intervalMs();
        return new Forecast(in.anchorTimeMs(), targetTime, in.anchorClose(), predicted, in.actualClose());
    }

    private static String text(ManifestCheck.Manifest manifest, Path file) {
        byte[] bytes = manifest.bytes(file.getFileName().toString());
        if (bytes == null) {
            throw new BadInputException(file + ": missing; a model folder needs " + ModelBundle.MODEL + ", "
                    + ModelBundle.PREPROCESSING + " and " + ModelBundle.CONFIG + "; export the trial again");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Features the first layer takes, looking through wrappers; -1 if it cannot tell. */
    private static long inputSize(MultiLayerNetwork net) {
        Layer l = net.getLayerWiseConfigurations().getConf(0).getLayer();
        while (true) {
            if (l instanceof BaseWrapperLayer w) l = w.getUnderlying();
            else if (l instanceof Bidirectional b) l = b.getFwd();
            else break;
        }
        return l instanceof FeedForwardLayer f ? f.getNIn() : -1;
    }
}
