package dev.lstmtuner.search.sampler;

import java.util.List;
import java.util.Map;

/**
 * A rough relative cost of one training epoch from a trial's config overrides, for cost-aware startup: per window,
 * every time step runs each LSTM layer's 4 gates (about 8 u (in + u) flops, twice when bidirectional) plus a fixed
 * overhead per batch, step, layer and direction (op launches, spread over the batch). The overhead is calibrated on
 * the BTC 2024 figures (a 256-unit 120-step layer at 37 s per epoch gives ~11 Gflop/s; a 3-layer batch-16
 * model of small layers at ~22 s per epoch gives ~3e6 flop-equivalents per batch-step-layer): at batch 16 it
 * outweighs the gates of layers up to ~150 units. Keys the space does not set count as a mid-size model. Only the
 * order matters: it ranks candidates.
 */
final class CostModel {
    private static final int FEATURES = 20;
    /** Overhead of one step of one layer and direction per batch, in flop-equivalents (~0.3 ms at 11 Gflop/s). */
    private static final double OVERHEAD = 3_000_000;

    private CostModel() {
    }

    static double epochCost(Map<String, Object> overrides) {
        double steps = number(overrides.get("time_steps"), 60);
        double batch = number(overrides.get("batch_size"), 64);
        double dirs = Boolean.TRUE.equals(overrides.get("bidirectional")) ? 2 : 1;
        List<?> units = overrides.get("units") instanceof List<?> l && !l.isEmpty() ? l : List.of(64, 32);
        double perStep = 0;
        double in = FEATURES;
        for (Object u : units) {
            double n = number(u, 64);
            perStep += dirs * (8 * n * (in + n) + OVERHEAD / batch);
            in = n * dirs;
        }
        return steps * perStep;
    }

    private static double number(Object v, double fallback) {
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
