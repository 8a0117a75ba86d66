package dev.lstmtuner.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto fronts of points given as losses (every coordinate smaller is better; the caller turns maximised objectives
 * round): Deb et al.'s fast non-dominated sort (NSGA-II, 2002) and the crowding distance that orders the points of
 * one front. A point with a NaN coordinate is worse than any point without one in that coordinate, so it never
 * dominates a finite point there.
 */
public final class NonDominatedSort {
    private NonDominatedSort() {
    }

    /** True when {@code a} is no worse than {@code b} in every coordinate and better in at least one. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            double x = nanLast(a[k]);
            double y = nanLast(b[k]);
            if (x > y) return false;
            if (x < y) better = true;
        }
        return better;
    }

    /** Each point's front: 0 for the non-dominated set, 1 for the set that only front 0 dominates, and so on. */
    public static int[] ranks(double[][] losses) {
        int n = losses.length;
        int[] rank = new int[n];
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominates = new ArrayList<>();
        for (int i = 0; i < n; i++) dominates.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dominates(losses[i], losses[j])) {
                    dominates.get(i).add(j);
                    dominatedBy[j]++;
                } else if (dominates(losses[j], losses[i])) {
                    dominates.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < n; i++) if (dominatedBy[i] == 0) front.add(i);
        for (int r = 0; !front.isEmpty(); r++) {
            List<Integer> next = new ArrayList<>();
            for (int i : front) {
                rank[i] = r;
                for (int j : dominates.get(i)) if (--dominatedBy[j] == 0) next.add(j);
            }
            front = next;
        }
        return rank;
    }

    /**
     * The crowding distance of each point among {@code members} (indices of one front): per coordinate, the gap
     * between its two neighbours over the front's range, summed; the extremes of each coordinate get infinity, so
     * a front's ends are always kept. Points outside {@code members} get 0.
     */
    public static double[] crowding(double[][] losses, List<Integer> members) {
        double[] d = new double[losses.length];
        if (members.isEmpty()) return d;
        int m = losses[members.get(0)].length;
        for (int k = 0; k < m; k++) {
            final int c = k;
            Integer[] order = members.toArray(new Integer[0]);
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> nanLast(losses[i][c])).thenComparingInt(i -> i));
            double lo = nanLast(losses[order[0]][c]);
            double hi = nanLast(losses[order[order.length - 1]][c]);
            d[order[0]] = Double.POSITIVE_INFINITY;
            d[order[order.length - 1]] = Double.POSITIVE_INFINITY;
            double range = hi - lo;
            if (!(range > 0) || Double.isInfinite(range)) continue;
            for (int i = 1; i < order.length - 1; i++) {
                d[order[i]] += (nanLast(losses[order[i + 1]][c]) - nanLast(losses[order[i - 1]][c])) / range;
            }
        }
        return d;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
