package dev.lstmtuner.web;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
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
 * A campaign that tests the pages' honesty: #1 has skill ≈ 0 (no better than persistence, p ≈ 0.8) with a flat
 * validation curve and forecasts that barely move from the last close (learned nothing); #2 beats persistence
 * (p < 0.001); #3 is worse (p < 0.05); #4 and #5 confirm #2 with other seeds and #6 confirms #1; #7 was interrupted
 * and re-queued as #8, which waits with no worker running: the campaign is stopped.
 */
public final class HonestyFixture {
    public static final String NAME = "honest-BTC";
    static final String CONFIG = "{\"data\":\"data/BTCUSDT-1h.csv\",\"symbol\":\"BTC\",\"horizon\":1,\"time_steps\":30}";
    static final String SPACE = "{\"params\":{\"learning_rate\":{\"type\":\"float\",\"low\":1e-4,\"high\":1e-2,\"log\":true},"
            + "\"units\":{\"type\":\"categorical\",\"values\":[32,64]}}}";

    private HonestyFixture() {
    }

    public static void seed(Store store, Path dir) {
        store.createCampaign(new CampaignSpec(NAME, CONFIG, SPACE, "tpe", "median", 8, "val_rmse", Direction.MINIMIZE,
                null, null));
        Trial zero = complete(store, dir, 1, params(3e-4, 64), 0.0, 0.02, 556.33, 556.42, true, null);
        Trial beats = complete(store, dir, 2, params(1e-3, 32), 0.45, 0.1, 300, 556.42, false, null);
        complete(store, dir, 3, params(8e-3, 64), -0.2, 0.9, 700, 556.42, false, null);
        complete(store, dir, 4, params(1e-3, 32), 0.45, 0.1, 305, 556.42, false, beats.id());
        complete(store, dir, 5, params(1e-3, 32), 0.45, 0.1, 310, 556.42, false, beats.id());
        complete(store, dir, 6, params(3e-4, 64), 0.0, 0.02, 556.35, 556.42, true, zero.id());
        TrialHandle h = store.start(NAME, params(2e-3, 32), "worker-2", "cpu");
        h.reportEpoch(new EpochMetrics(1, 1.0, 0.9, 400, 1000));
        h.interrupt("interrupted: Ctrl-C; re-queued");
    }

    static Map<String, Object> params(double lr, int units) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("learning_rate", lr);
        p.put("units", units);
        return p;
    }

    /**
     * A COMPLETE trial whose test forecasts are the last close moved by {@code follow} of the real move plus noise
     * ({@code noise} of the move's scale); {@code flat} gives it a flat validation curve.
     */
    static Trial complete(Store store, Path dir, int number, Map<String, Object> params, double follow, double noise,
                          double objective, double persistenceRmse, boolean flat, Long confirmOf) {
        Trial queued = store.enqueue(NAME, params, confirmOf);
        TrialHandle h = store.claim(queued.id(), number % 2 == 0 ? "worker-1" : "worker-2", "cpu").orElseThrow();
        for (int e = 1; e <= 6; e++) {
            double val = flat ? 0.61 + 0.001 * (e % 2) : 1.0 / e + 0.1;
            h.reportEpoch(new EpochMetrics(e, flat ? 1.0 : 1.2 / e, val, objective * (1 + (flat ? 0 : 1.0 / e)), 500));
        }
        Path csv = predictions(dir, number, follow, noise);
        h.addArtifact(Artifact.of("predictions", csv));
        h.recordProvenance(new Provenance(CONFIG, 42L, new DataFingerprint.Fingerprint("cd".repeat(32), 0, 1000, 1000),
                "0.1.0", "abc123", "17", "1.0.0-M2.1", "CPU", "Linux", "amd64", 1, "host"));
        var dm = WebFixture.testAgainstPersistence(csv);
        double rmse = objective;
        ForecastMetrics model = new ForecastMetrics(rmse * 0.7, rmse, 1.0, 0.98, 0.5);
        ForecastMetrics persistence = new ForecastMetrics(persistenceRmse * 0.7, persistenceRmse, 1.0, 0.98, 0.5);
        h.complete(new FinalMetrics(model, persistence, 1 - rmse / persistenceRmse, objective, 20_000, 6, 3, 12.5, 200,
                dm.statistic(), dm.pValue(), List.of()), objective);
        return store.trial(queued.id()).orElseThrow();
    }

    private static Path predictions(Path dir, int number, double follow, double noise) {
        StringBuilder b = new StringBuilder("time,last_close,predicted,actual\n");
        Random market = new Random(99);
        Random own = new Random(number);
        double price = 40_000;
        for (int t = 0; t < 200; t++) {
            double move = market.nextGaussian() * 388;
            double pred = price + follow * move + noise * 388 * own.nextGaussian();
            b.append(1_700_000_000_000L + t * 3_600_000L).append(',').append(price).append(',').append(pred).append(',')
                    .append(price + move).append('\n');
            price += move;
        }
        try {
            Path f = dir.resolve("honest-" + number + ".csv");
            Files.writeString(f, b);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
