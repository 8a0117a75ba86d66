package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaigns that search model families, with stored Diebold–Mariano results against persistence:
 * <ul>
 * <li>{@link #NONE}: lstm (#1 310, #2 300 best, #8 pruned, #9/#10 confirm #2 at 290 and 304), gru (#3 as an LSTM
 * with the GRU cell at 305, #4 as {@code model: gru} at 298, the best overall), linear (#5 302, worse than
 * persistence, p = 0.001; #6 failed), forest (#7 pruned, #11 failed, #12 waiting: no complete trial). No family beats
 * persistence.</li>
 * <li>{@link #SOME}: lstm 300 (no better), linear 280 (beats, p = 0.001), forest 290 (beats, p = 0.02).</li>
 * <li>{@link #SPLIT_LSTM} and {@link #SPLIT_LINEAR}: one family each, from the campaign's config (not a param),
 * in the group {@link #SPLIT}; {@link #OTHER_SYMBOL} forecasts ETH and {@link #OTHER_OBJECTIVE} maximizes skill (lstm 0.02, linear 0.05).</li>
 * <li>{@link #PRUNED_ONLY}: one pruned lstm and one waiting forest; {@link #EMPTY}: no trials.</li>
 * </ul>
 */
final class FamilyFixture {
    static final String NONE = "families-none-BTC";
    static final String SOME = "families-some-BTC";
    static final String SPLIT = "split-BTC-";
    static final String SPLIT_LSTM = SPLIT + "lstm";
    static final String SPLIT_LINEAR = SPLIT + "linear";
    static final String OTHER_SYMBOL = "split-ETH";
    static final String OTHER_OBJECTIVE = "skill-BTC";
    static final String PRUNED_ONLY = "families-pruned-BTC";
    static final String EMPTY = "families-empty-BTC";
    static final String CONFIG = "{\"data\":\"data/BTCUSDT-1h.csv\",\"symbol\":\"BTC\",\"horizon\":1,\"time_steps\":30}";
    static final String SPACE = "{\"params\":{\"model\":{\"type\":\"categorical\",\"values\":[\"lstm\",\"gru\",\"linear\",\"forest\"]}}}";

    private FamilyFixture() {
    }

    static void seed(Store store) {
        create(store, NONE, CONFIG, "val_rmse", Direction.MINIMIZE);
        complete(store, NONE, model("lstm"), 310, 0.01, 0.6, null);
        complete(store, NONE, model("lstm"), 300, 0.02, 0.4, null);
        complete(store, NONE, withCell(model("lstm"), "gru"), 305, -0.01, 0.7, null);
        complete(store, NONE, model("gru"), 298, 0.03, 0.3, null);
        complete(store, NONE, model("linear"), 302, -0.1, 0.001, null);   // worse even after Holm over 5
        fail(store, NONE, model("linear"));
        prune(store, NONE, model("forest"));
        prune(store, NONE, model("lstm"));
        long lstmBest = store.trial(NONE, 2).orElseThrow().id();
        complete(store, NONE, model("lstm"), 290, 0.05, 0.5, lstmBest);
        complete(store, NONE, model("lstm"), 304, 0.01, 0.7, lstmBest);
        fail(store, NONE, model("forest"));
        store.enqueue(NONE, model("forest"));

        create(store, SOME, CONFIG, "val_rmse", Direction.MINIMIZE);
        complete(store, SOME, model("lstm"), 300, 0.02, 0.4, null);
        complete(store, SOME, model("linear"), 280, 0.1, 0.001, null);
        complete(store, SOME, model("forest"), 290, 0.05, 0.02, null);

        create(store, SPLIT_LSTM, CONFIG, "val_rmse", Direction.MINIMIZE);
        complete(store, SPLIT_LSTM, Map.of("learning_rate", 1e-3), 320, 0.0, 0.9, null);
        create(store, SPLIT_LINEAR, CONFIG.replace("}", ",\"model\":\"linear\"}"), "val_rmse", Direction.MINIMIZE);
        complete(store, SPLIT_LINEAR, Map.of("l2", 0.1), 315, 0.01, 0.8, null);
        create(store, OTHER_SYMBOL, CONFIG.replace("BTC", "ETH"), "val_rmse", Direction.MINIMIZE);
        complete(store, OTHER_SYMBOL, model("lstm"), 20, 0.0, 0.9, null);
        create(store, OTHER_OBJECTIVE, CONFIG, "skill", Direction.MAXIMIZE);
        complete(store, OTHER_OBJECTIVE, model("lstm"), 0.02, 0.02, 0.4, null);
        complete(store, OTHER_OBJECTIVE, model("linear"), 0.05, 0.05, 0.4, null);
        create(store, PRUNED_ONLY, CONFIG, "val_rmse", Direction.MINIMIZE);
        prune(store, PRUNED_ONLY, model("lstm"));
        store.enqueue(PRUNED_ONLY, model("forest"));
        create(store, EMPTY, CONFIG, "val_rmse", Direction.MINIMIZE);
    }

    private static void create(Store store, String name, String config, String objective, Direction direction) {
        store.createCampaign(new CampaignSpec(name, config, SPACE, "random", "median", 20, objective, direction,
                null, null));
    }

    static Map<String, Object> model(String family) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", family);
        p.put("learning_rate", 1e-3);
        return p;
    }

    private static Map<String, Object> withCell(Map<String, Object> p, String cell) {
        p.put("cell", cell);
        return p;
    }

    /** A COMPLETE trial whose stored test against persistence has the given skill and p-value. */
    private static Trial complete(Store store, String campaign, Map<String, Object> params, double objective,
                                  double skill, double p, Long confirmOf) {
        Trial queued = store.enqueue(campaign, params, confirmOf);
        TrialHandle h = store.claim(queued.id(), "worker-1", "cpu").orElseThrow();
        h.reportEpoch(new EpochMetrics(1, 1.0, 0.9, objective, 100));
        double persistenceRmse = 400;
        double rmse = persistenceRmse * (1 - skill);
        h.complete(new FinalMetrics(new ForecastMetrics(rmse * 0.7, rmse, 1.0, 0.98, 0.5),
                new ForecastMetrics(persistenceRmse * 0.7, persistenceRmse, 1.0, 0.98, 0.5), skill, objective,
                5_000, 4, 2, 30 + queued.number(), 200, skill > 0 ? -2.0 : 0.5, p, List.of()), objective);
        return store.trial(queued.id()).orElseThrow();
    }

    private static void prune(Store store, String campaign, Map<String, Object> params) {
        TrialHandle h = store.start(campaign, params, "worker-1", "cpu");
        h.reportEpoch(new EpochMetrics(1, 1.0, 0.9, 500, 100));
        h.prune(1, "worse than the median at epoch 1");
    }

    private static void fail(Store store, String campaign, Map<String, Object> params) {
        store.start(campaign, params, "worker-1", "cpu").fail("loss became NaN at epoch 1", "java.lang.IllegalStateException");
    }
}
