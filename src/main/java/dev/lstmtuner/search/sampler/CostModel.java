package dev.lstmtuner.search.sampler;

import java.util.List;
import java.util.Map;

/**
 * A rough relative cost of one training epoch from a trial's config overrides, for cost-aware startup: per window,
 * every time step runs each LSTM layer's 4 gates (about 8 u (in + u) flops forward and backward, twice when
 * bidirectional) plus a fixed per-batch overhead (op launches per step and layer, spread over the batch). Keys the
 * space does not set count as the defaults of a mid-size model. Only the order matters: it ranks candidates.
 */
final class CostModel {
    private static final int FEATURES = 20;
    /** Per-batch overhead of one step of one layer, in flop-equivalents (DL4J on CPU: ~10 us per op launch). */
    private static final double OVERHEAD = 50_000;

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
            perStep += 8 * n * (in + n) * dirs + OVERHEAD / batch;
            in = n * dirs;
        }
        return steps * perStep;
    }

    private static double number(Object v, double fallback) {
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
