package dev.lstmtuner.baseline;

import java.util.Arrays;

/**
 * Quantile bins of each input column, fitted on the training windows: a tree then scans at most {@link #MAX_BINS}
 * candidate thresholds per column from per-bin sums instead of sorting the samples at every node. Column j's bin of
 * a value v is the first b with {@code v <= edges[j][b]} (the last bin when v is above every edge), so "bin ≤ b" and
 * "v ≤ edges[j][b]" agree and a saved tree needs only the raw threshold.
 */
record FeatureBins(float[][] edges) {
    static final int MAX_BINS = 64;

    /** Edges from the quantiles of each of the {@code per} columns of {@code n} flat rows. */
    static FeatureBins fit(float[] x, int n, int per) {
        float[][] edges = new float[per][];
        float[] column = new float[n];
        for (int j = 0; j < per; j++) {
            for (int k = 0; k < n; k++) column[k] = x[k * per + j];
            Arrays.sort(column);
            float[] cut = new float[MAX_BINS - 1];
            int m = 0;
            for (int b = 1; b < MAX_BINS; b++) {
                float q = column[Math.min(n - 1, (int) ((long) b * n / MAX_BINS))];
                // an edge equal to the largest value would leave the last bin empty
                if ((m == 0 || q > cut[m - 1]) && q < column[n - 1]) cut[m++] = q;
            }
            edges[j] = Arrays.copyOf(cut, m);
        }
        return new FeatureBins(edges);
    }

    int bins(int column) {
        return edges[column].length + 1;
    }

    /** Columns of bin numbers, column-major: {@code binned[j][k]} is row k's bin in column j. */
    byte[][] apply(float[] x, int n, int per) {
        byte[][] binned = new byte[per][n];
        for (int j = 0; j < per; j++) {
            float[] e = edges[j];
            for (int k = 0; k < n; k++) {
                int b = Arrays.binarySearch(e, x[k * per + j]);
                binned[j][k] = (byte) (b >= 0 ? b : -b - 1);
            }
        }
        return binned;
    }
}
