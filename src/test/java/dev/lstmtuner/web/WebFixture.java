package dev.lstmtuner.web;

import dev.lstmtuner.analysis.Predictions;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeds a store with campaigns that look like real searches: finished trials with epoch curves, final metrics,
 * provenance and a predictions CSV, plus pruned, failed, running and waiting ones. Shared by the API and browser
 * tests (and the benchmark).
 */
public final class WebFixture {
    public static final String BTC = "quick-BTC";
    public static final String ETH = "quick-ETH";
    public static final String NASTY = "<script>alert('x')</script> & \"quotes\"";
    static final String BASE_CONFIG = "{\"data\":\"data/BTCUSDT-1m.csv\",\"symbol\":\"BTC\",\"horizon\":1,\"time_steps\":30}";

    private WebFixture() {
    }

    /**
     * The quick campaigns for BTC and ETH (12 trials each, tested against persistence) and one with a hostile name
     * whose trials were recorded before that test existed (untested).
     */
    public static void seed(Store store, Path dir) {
        campaign(store, dir, BTC, "BTC", 12, 1, true);
        campaign(store, dir, ETH, "ETH", 12, 2, true);
        campaign(store, dir, NASTY, "BNB", 4, 3, false);
    }

    /**
     * One campaign: trials 1..n; the last four are PRUNED, FAILED, RUNNING and WAITING (n >= 5), the rest COMPLETE
     * with 8..15 epochs and a predictions file of 120 test windows; {@code tested}: with the Diebold–Mariano test
     * against persistence the evaluator records.
     */
    public static void campaign(Store store, Path dir, String name, String symbol, int n, long seed, boolean tested) {
        String config = BASE_CONFIG.replace("BTC", symbol);
        store.createCampaign(new CampaignSpec(name, config, "{\"learning_rate\":{\"log_uniform\":[1e-4,1e-2]}}",
                "tpe", "median", n, "val_rmse", Direction.MINIMIZE, null, null));
        Random rnd = new Random(seed);
        for (int i = 1; i <= n; i++) {
            Map<String, Object> params = new LinkedHashMap<>();
            double lr = Math.pow(10, -4 + 2 * rnd.nextDouble());
            params.put("learning_rate", lr);
            params.put("units", List.of(32, 64, 128).get(rnd.nextInt(3)));
            params.put("dropout", Math.round(rnd.nextDouble() * 40) / 100.0);
            params.put("scaler", rnd.nextBoolean() ? "standard" : "minmax");
            int kind = n - i; // 3: pruned, 2: failed, 1: running, 0: waiting
            if (n >= 5 && kind == 0) {
                store.enqueue(name, params);
                continue;
            }
            TrialHandle h = store.start(name, params, "worker-1", "cpu");
            double quality = Math.abs(Math.log10(lr) + 3) + 0.3 * rnd.nextDouble(); // best near lr = 1e-3
            if (n >= 5 && kind < 4) {
                if (kind == 3) {
                    epochs(h, 3, quality, rnd);
                    h.prune(3, "worse than the median at epoch 3");
                } else if (kind == 2) {
                    h.fail("loss became NaN at epoch 2: lower the learning rate or enable clipping", "java.lang.IllegalStateException: NaN\n\tat x.y(Z.java:1)");
                } else if (kind == 1) {
                    epochs(h, 2, quality, rnd);
                }
                continue;
            }
            int epochs = 8 + rnd.nextInt(8);
            epochs(h, epochs, quality, rnd);
            double rmse = 40 + 60 * quality;
            Path csv = predictions(dir, name, i, rmse, rnd);
            h.addArtifact(Artifact.of("predictions", csv));
            h.recordProvenance(new Provenance(config.replace("}", ",\"learning_rate\":" + lr + "}"), 42L,
                    new DataFingerprint.Fingerprint("ab".repeat(32), 0, 1000, 1000), "0.1.0", "abc123", "17", "1.0.0-M2.1",
                    "CPU", "Linux", "amd64", 1, "host"));
            ForecastMetrics model = new ForecastMetrics(rmse * 0.7, rmse, 0.1 + quality / 10, 0.99 - quality / 100, 0.5 + 0.05 * (1 - quality));
            ForecastMetrics persistence = new ForecastMetrics(60, 85, 0.12, 0.985, 0.5);
            DieboldMariano.Result vsPersistence = tested ? testAgainstPersistence(csv) : null;
            h.complete(new FinalMetrics(model, persistence, 1 - rmse / 85, rmse * 0.95, 10_000 + 1000L * i, epochs,
                    Math.max(1, epochs - 3), 10 + i, 120, tested ? vsPersistence.statistic() : null,
                    tested ? vsPersistence.pValue() : null, List.of()), rmse * 0.95);
        }
    }

    /** The Diebold–Mariano test of a predictions file's forecasts against persistence, as the evaluator runs it. */
    static DieboldMariano.Result testAgainstPersistence(Path csv) {
        Predictions p = Predictions.read(csv);
        double[] persistence = new double[p.size()];
        for (int i = 0; i < p.size(); i++) persistence[i] = p.lastClose()[i] - p.actual()[i];
        return DieboldMariano.test(p.errors(), persistence, 1, "the model", "persistence");
    }

    private static void epochs(TrialHandle h, int count, double quality, Random rnd) {
        for (int e = 1; e <= count; e++) {
            double train = 1.0 / e + 0.05 * quality;
            double val = 1.0 / e + 0.08 * quality + (e > 6 ? 0.03 * (e - 6) : 0) + 0.005 * rnd.nextDouble();
            h.reportEpoch(new EpochMetrics(e, train, val, val * 100, 1000 + rnd.nextInt(100)));
        }
    }

    private static Path predictions(Path dir, String campaign, int number, double rmse, Random rnd) {
        StringBuilder b = new StringBuilder("time,last_close,predicted,actual\n");
        double price = 30_000;
        Random market = new Random(campaign.hashCode()); // every trial of a campaign sees the same test prices
        for (int t = 0; t < 120; t++) {
            double next = price + market.nextGaussian() * 80;
            double pred = next + rnd.nextGaussian() * rmse;
            b.append(1_700_000_000_000L + t * 60_000L).append(',').append(price).append(',').append(pred).append(',')
                    .append(next).append('\n');
            price = next;
        }
        try {
            Path f = dir.resolve("pred-" + Math.abs(campaign.hashCode()) + "-" + number + ".csv");
            Files.writeString(f, b);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
