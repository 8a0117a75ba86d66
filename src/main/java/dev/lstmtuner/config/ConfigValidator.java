package dev.lstmtuner.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Range and consistency checks on a {@link RunConfig}; each failure names the key and the allowed values. */
final class ConfigValidator {
    private ConfigValidator() {
    }

    static void validate(RunConfig c, String src) {
        oneOf(src, "gap_policy", c.gapPolicy(), List.of("fail", "skip-windows"));
        oneOf(src, "target", c.target(), List.of("log_return", "close"));
        oneOf(src, "scaler", c.scaler(), List.of("standard", "minmax"));
        oneOf(src, "layer_impl", c.layerImpl(), List.of("fast", "stock"));
        oneOf(src, "model", c.model(), RunConfig.FAMILIES);
        families(c, src);
        range(src, "trees", c.trees(), 1, 2000);
        range(src, "max_depth", c.maxDepth(), 1, 64);
        range(src, "heads", c.heads(), 1, 64);
        range(src, "head_size", c.headSize(), 1, 1024);
        if (c.maxRows() != null) range(src, "max_rows", c.maxRows(), 100, Integer.MAX_VALUE);
        DateRange.parse(c.from(), c.to(), src);
        if (c.features() == null || c.features().isEmpty()) {
            fail(src, "features", "must list at least one feature name");
        }
        Set<String> seen = new HashSet<>();
        for (String f : c.features()) {
            if (f == null || !seen.add(f)) fail(src, "features", "lists \"" + f + "\" twice or null; list each once");
        }
        range(src, "horizon", c.horizon(), 1, 1000);
        range(src, "time_steps", c.timeSteps(), 1, 5000);
        if (c.split() == null || c.split().size() != 3) {
            fail(src, "split", "must be three fractions [train, val, test] like [0.7, 0.15, 0.15]");
        }
        double sum = 0;
        for (Double f : c.split()) {
            if (f == null || !(f > 0 && f < 1)) fail(src, "split", "fractions must each be in (0, 1), got " + c.split());
            sum += f;
        }
        if (Math.abs(sum - 1.0) > 1e-6) fail(src, "split", "fractions must add up to 1, got " + sum);
        if (c.units() == null || c.units().isEmpty() || c.units().size() > 4) {
            fail(src, "units", "must list 1 to 4 layer sizes like [128, 64, 32]");
        }
        for (Integer u : c.units()) {
            if (u == null || u < 1 || u > 4096) fail(src, "units", "each layer needs 1..4096 units, got " + c.units());
        }
        rangeD(src, "dropout", c.dropout(), 0.0, 0.9);
        rangeD(src, "l2", c.l2(), 0.0, 1.0);
        range(src, "dense_units", c.denseUnits(), 0, 4096);
        if (!(c.learningRate() > 0 && c.learningRate() <= 1.0)) {
            fail(src, "learning_rate", "must be in (0, 1], got " + c.learningRate() + " (the tutorial's range is 1e-4..1e-2)");
        }
        range(src, "batch_size", c.batchSize(), 1, 65536);
        range(src, "max_epochs", c.maxEpochs(), 1, 100000);
        range(src, "patience", c.patience(), 0, 100000);
        rangeD(src, "min_delta", c.minDelta(), 0.0, 1e9);
        oneOf(src, "min_delta_mode", c.minDeltaMode(), List.of("relative", "absolute"));
        if ("relative".equals(c.minDeltaMode()) && c.minDelta() >= 1) {
            fail(src, "min_delta", "is a fraction of the best val loss when min_delta_mode is relative: use a value"
                    + " below 1 like 0.001 (0.1 %), or set \"min_delta_mode\": \"absolute\", got " + c.minDelta());
        }
        rangeD(src, "clip_norm", c.clipNorm(), 0.0, 1e6);
        range(src, "threads", c.threads(), 1, 256);
        if (c.evaluation() == null) fail(src, "evaluation", "must be an object like {\"folds\": 3, \"scheme\": \"expanding\"}");
        range(src, "evaluation.folds", c.evaluation().folds(), 1, 50);
        oneOf(src, "evaluation.scheme", c.evaluation().scheme(), List.of("expanding", "sliding"));
        range(src, "evaluation.embargo", c.evaluation().embargo(), 0, 100000);
        lockbox(c.lockbox(), src);
        if (c.historyDays() != null) range(src, "history_days", c.historyDays(), 1, 100000);
        FidelityStep.validate(c.fidelity(), src);
    }

    private static void lockbox(RunConfig.Lockbox lb, String src) {
        if (lb == null) return;
        if ((lb.from() == null) == (lb.fraction() == null)) {
            fail(src, "lockbox", "needs exactly one of \"from\" (a date like \"2024-11-01\") or \"fraction\""
                    + " (like 0.1), got " + lb);
        }
        if (lb.fraction() != null) rangeD(src, "lockbox.fraction", lb.fraction(), 0.001, 0.5);
        if (lb.from() != null) DateRange.parse(lb.from(), null, src + " (lockbox)");
    }

    /** Keys that only make sense for some families, refused (by key, with what to do) on the others. */
    private static void families(RunConfig c, String src) {
        String model = c.model();
        if ("stock".equals(c.layerImpl()) && !"lstm".equals(model)) {
            fail(src, "layer_impl", "\"stock\" (DL4J's LSTM layer) exists only for model \"lstm\", not \"" + model
                    + "\"; use \"fast\" or leave it out");
        }
        if (c.bidirectional() && !RunConfig.RECURRENT.contains(model)) {
            fail(src, "bidirectional", "applies to the recurrent models " + RunConfig.RECURRENT + ", not to \"" + model
                    + "\"; set it false or leave it out (in a search space, make it conditional: \"when\": \"model != "
                    + model + "\")");
        }
        if (c.batchNorm() && RunConfig.BASELINES.contains(model)) {
            fail(src, "batch_norm", "applies to the networks, not to model \"" + model + "\"; set it false or leave it out");
        }
    }

    private static void oneOf(String src, String key, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            fail(src, key, "must be one of " + allowed + ", got " + (value == null ? "null" : "\"" + value + "\""));
        }
    }

    private static void range(String src, String key, long v, long lo, long hi) {
        if (v < lo || v > hi) fail(src, key, "must be between " + lo + " and " + hi + ", got " + v);
    }

    private static void rangeD(String src, String key, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) fail(src, key, "must be between " + lo + " and " + hi + ", got " + v);
    }

    static void fail(String src, String key, String what) {
        throw new BadInputException(src + ": \"" + key + "\" " + what);
    }
}
