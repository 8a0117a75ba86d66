package dev.lstmtuner.cli;

import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.train.Trainer;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The train command's progress: a bar over the batches of the running epoch (redrawn in place on a terminal),
 * then one line per finished epoch with train loss, val loss, val RMSE and elapsed time.
 */
final class EpochProgress implements EpochListener, Trainer.BatchProgress {
    private static final int WIDTH = 24;
    private final PrintWriter out;
    private final int maxEpochs;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private double bestVal = Double.POSITIVE_INFINITY;

    EpochProgress(PrintWriter out, int maxEpochs, boolean interactive) {
        this.out = out;
        this.maxEpochs = maxEpochs;
        this.interactive = interactive;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, long epochStartNanos) {
        if (!interactive || (batch % Math.max(1, batches / 50) != 0 && batch != batches)) return;
        out.printf(Locale.ROOT, "\repoch %3d/%d %s %d/%d batches  %s", epoch, maxEpochs, bar(batch, batches),
                batch, batches, seconds(System.nanoTime() - epochStartNanos));
        out.flush();
    }

    @Override
    public Verdict onEpoch(EpochMetrics m) {
        boolean best = m.valLoss() < bestVal;
        if (best) bestVal = m.valLoss();
        out.printf(Locale.ROOT, "%sepoch %3d/%d %s train %.5f  val %.5f  val_rmse %s%s  %s (elapsed %s)%n",
                interactive ? "\r" : "", m.epoch(), maxEpochs, bar(m.epoch(), maxEpochs), m.trainLoss(), m.valLoss(),
                Fmt.metric(m.valRmse()), best ? " *" : "  ", seconds(m.durationMs() * 1_000_000L),
                seconds(System.nanoTime() - start));
        out.flush();
        return Verdict.CONTINUE;
    }

    private static String bar(int done, int total) {
        int filled = (int) Math.round(WIDTH * (double) done / total);
        return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "]";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }
}
