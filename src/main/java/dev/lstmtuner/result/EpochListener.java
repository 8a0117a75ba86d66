package dev.lstmtuner.result;

import dev.lstmtuner.result.EpochMetrics;

/**
 * Receives every finished epoch of a training run; the progress bar, the store and the pruners hook in here.
 * The answer may stop the run early (a pruned trial) with a reason.
 */
@FunctionalInterface
public interface EpochListener {
    Verdict onEpoch(EpochMetrics metrics);

    record Verdict(boolean stop, String reason) {
        public static final Verdict CONTINUE = new Verdict(false, null);

        public static Verdict stop(String reason) {
            return new Verdict(true, reason);
        }
    }

    static EpochListener all(EpochListener... listeners) {
        return m -> {
            Verdict result = Verdict.CONTINUE;
            for (EpochListener l : listeners) {
                Verdict v = l.onEpoch(m);
                if (v.stop() && !result.stop()) result = v;
            }
            return result;
        };
    }
}
