package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.EpochMetrics;

import java.util.Arrays;
import java.util.List;

/**
 * A learning curve as the epoch rules read it: training and validation loss by epoch (in order), and the best
 * epoch, the first with the lowest validation loss.
 */
record Curve(int[] epoch, double[] train, double[] val, int best) {

    static Curve of(List<EpochMetrics> epochs) {
        int n = epochs.size();
        int[] e = new int[n];
        double[] t = new double[n], v = new double[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            EpochMetrics m = epochs.get(i);
            e[i] = m.epoch();
            t[i] = m.trainLoss();
            v[i] = m.valLoss();
            if (Double.isFinite(v[i]) && (best < 0 || v[i] < v[best])) best = i;
        }
        return new Curve(e, t, v, best);
    }

    int size() {
        return val.length;
    }

    /** Whether every loss is a finite number (a NaN or infinite loss is a diverged run). */
    boolean finite() {
        for (int i = 0; i < size(); i++) if (!Double.isFinite(train[i]) || !Double.isFinite(val[i])) return false;
        return true;
    }

    /** The epochs recorded after the best one. */
    int afterBest() {
        return best < 0 ? 0 : size() - 1 - best;
    }

    static double[] slice(double[] x, int from, int to) {
        return Arrays.copyOfRange(x, from, to);
    }
}
