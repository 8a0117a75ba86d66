package dev.lstmtuner.search;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.store.TrialHandle;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One claimed trial with a simulated trainer (bench and test only, no DL4J): a synthetic val_rmse curve (a
 * function of learning_rate and the epoch, so pruning has something to judge) reported epoch by epoch, the
 * campaign's pruner asked after each through a {@link CampaignHistory} (as the real executor does), then synthetic
 * final metrics. The history may be shared by several worker threads of one JVM: refresh and decision run under
 * {@code historyLock}.
 */
final class SimulatedTrial {
    private SimulatedTrial() {
    }

    /** What the pruner needs, one per campaign. */
    record Judge(CampaignHistory history, Pruner pruner, Direction direction) {
    }

    /**
     * Trains the claimed trial to its end; returns COMPLETE, PRUNED or LOST (reclaimed meanwhile). Each pruning
     * decision's time (history refresh included, the wait for {@code historyLock} not) goes to {@code decisionMs}.
     */
    static String run(TrialHandle h, int epochs, long epochMs, Judge judge, Object historyLock,
                      List<Double> decisionMs) throws InterruptedException {
        Map<String, Object> params = h.claimed().params();
        double lr = params.get("learning_rate") instanceof Number n ? n.doubleValue() : 1e-3;
        Random noise = new Random(h.number());
        double base = 20 + 10 * Math.abs(Math.log10(lr) + 3);
        double[] curve = new double[0];
        try {
            for (int e = 1; e <= epochs; e++) {
                if (epochMs > 0) Thread.sleep(epochMs);
                double v = base * (1 + 1.0 / e) + noise.nextDouble();
                h.reportEpoch(new EpochMetrics(e, v / 100, v / 90, v, epochMs));
                curve = Arrays.copyOf(curve, e);
                curve[e - 1] = v;
                if (e == epochs) break;
                // as the real executor: while the store is unreachable pruning waits and training goes on
                if (h.behind()) continue;
                Pruner.Decision d;
                synchronized (historyLock) {
                    long t0 = System.nanoTime();
                    judge.history().refresh(Duration.ofMillis(500));
                    // the history holds this trial too: pruners skip it by number, so no copy of the campaign
                    d = judge.pruner().shouldPrune(h.number(), curve, judge.history().past(), judge.direction());
                    decisionMs.add((System.nanoTime() - t0) / 1e6);
                }
                if (d.prune()) {
                    h.prune(e, d.reason());
                    return "PRUNED";
                }
            }
            double best = Arrays.stream(curve).min().orElse(Double.NaN);
            h.complete(new FinalMetrics(new ForecastMetrics(best * 0.7, best, 0.1, 0.9, 0.5),
                    new ForecastMetrics(best * 0.7, best * 1.05, 0.1, 0.9, 0.5), 0.05, best, 1000,
                    epochs, epochs, epochs * epochMs / 1000.0, 100), best);
            return "COMPLETE";
        } catch (IllegalStateException reclaimed) {
            return "LOST (" + reclaimed.getMessage() + ")";
        }
    }
}
