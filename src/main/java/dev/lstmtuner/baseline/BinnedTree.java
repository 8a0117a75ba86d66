package dev.lstmtuner.baseline;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One CART regression tree grown on binned columns (the histogram method of LightGBM and scikit-learn's
 * HistGradientBoosting, here for a random forest): at each node a random third of the columns is tried, each by
 * one pass over the node's rows into per-bin weight and target sums, and the split with the largest drop in squared
 * error wins. Rows carry bootstrap counts as weights. Nodes are stored flat: {@code column < 0} marks a leaf.
 */
record BinnedTree(int[] column, float[] threshold, int[] left, int[] right, float[] value) {
    /** Smallest total bootstrap weight on either side of a split (Tribuo's CART default: 5). */
    static final int MIN_CHILD_WEIGHT = 5;

    static BinnedTree grow(byte[][] binned, FeatureBins bins, float[] y, int[] weight, int maxDepth, double featureShare,
                           SplittableRandom random) {
        int n = y.length;
        int[] rows = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) if (weight[k] > 0) rows[m++] = k;
        Builder b = new Builder(binned, bins, y, weight, maxDepth,
                Math.max(1, (int) Math.round(binned.length * featureShare)), random);
        b.node(rows, 0, m, 0);
        return b.build();
    }

    /** The tree's output for row k of flat windows with {@code per} values each. */
    float predict(float[] x, int k, int per) {
        int node = 0;
        while (column[node] >= 0) {
            node = x[k * per + column[node]] <= threshold[node] ? left[node] : right[node];
        }
        return value[node];
    }

    int size() {
        return column.length;
    }

    private static final class Builder {
        private final byte[][] binned;
        private final FeatureBins bins;
        private final float[] y;
        private final int[] weight;
        private final int maxDepth;
        private final int tried;
        private final SplittableRandom random;
        private final int[] order;
        private final double[] sumW = new double[FeatureBins.MAX_BINS];
        private final double[] sumY = new double[FeatureBins.MAX_BINS];
        private int[] column = new int[64], left = new int[64], right = new int[64];
        private float[] threshold = new float[64], value = new float[64];
        private int size;

        Builder(byte[][] binned, FeatureBins bins, float[] y, int[] weight, int maxDepth, int tried,
                SplittableRandom random) {
            this.binned = binned;
            this.bins = bins;
            this.y = y;
            this.weight = weight;
            this.maxDepth = maxDepth;
            this.tried = tried;
            this.random = random;
            this.order = new int[binned.length];
            for (int j = 0; j < order.length; j++) order[j] = j;
        }

        /** Grows the subtree over {@code rows[from, to)} and returns its node index. */
        int node(int[] rows, int from, int to, int depth) {
            double w = 0, s = 0;
            for (int i = from; i < to; i++) {
                int k = rows[i];
                w += weight[k];
                s += (double) weight[k] * y[k];
            }
            int id = add((float) (s / w));
            if (depth >= maxDepth || w < 2 * MIN_CHILD_WEIGHT) return id;
            int bestColumn = -1, bestBin = -1;
            double bestGain = 1e-12 * w, parent = s * s / w;
            for (int t = 0; t < tried; t++) {
                // a partial Fisher–Yates shuffle: the first `tried` entries of order are this node's columns
                int pick = t + random.nextInt(order.length - t);
                int j = order[pick];
                order[pick] = order[t];
                order[t] = j;
                int nb = bins.bins(j);
                Arrays.fill(sumW, 0, nb, 0);
                Arrays.fill(sumY, 0, nb, 0);
                byte[] col = binned[j];
                for (int i = from; i < to; i++) {
                    int k = rows[i];
                    sumW[col[k]] += weight[k];
                    sumY[col[k]] += (double) weight[k] * y[k];
                }
                double wl = 0, sl = 0;
                for (int b = 0; b < nb - 1; b++) {
                    wl += sumW[b];
                    sl += sumY[b];
                    double wr = w - wl;
                    if (wl < MIN_CHILD_WEIGHT) continue;
                    if (wr < MIN_CHILD_WEIGHT) break;
                    double sr = s - sl, gain = sl * sl / wl + sr * sr / wr - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestColumn = j;
                        bestBin = b;
                    }
                }
            }
            if (bestColumn < 0) return id;
            byte[] col = binned[bestColumn];
            int mid = from;
            for (int i = from; i < to; i++) {
                if (col[rows[i]] <= bestBin) {
                    int r = rows[i];
                    rows[i] = rows[mid];
                    rows[mid++] = r;
                }
            }
            column[id] = bestColumn;
            threshold[id] = bins.edges()[bestColumn][bestBin];
            int l = node(rows, from, mid, depth + 1);
            int r = node(rows, mid, to, depth + 1);
            left[id] = l;
            right[id] = r;
            return id;
        }

        private int add(float leafValue) {
            if (size == column.length) {
                int cap = size * 2;
                column = Arrays.copyOf(column, cap);
                left = Arrays.copyOf(left, cap);
                right = Arrays.copyOf(right, cap);
                threshold = Arrays.copyOf(threshold, cap);
                value = Arrays.copyOf(value, cap);
            }
            column[size] = -1;
            value[size] = leafValue;
            return size++;
        }

        BinnedTree build() {
            return new BinnedTree(Arrays.copyOf(column, size), Arrays.copyOf(threshold, size),
                    Arrays.copyOf(left, size), Arrays.copyOf(right, size),
                    Arrays.copyOf(value, size));
        }
    }
}
