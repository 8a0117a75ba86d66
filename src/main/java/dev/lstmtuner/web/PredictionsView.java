package dev.lstmtuner.web;

import dev.lstmtuner.analysis.Predictions;

import java.util.ArrayList;
import java.util.List;

/**
 * Predictions as the chart draws them, thinned by a stride to at most {@code max} points (the metrics and the
 * Diebold–Mariano test always use every window). {@code lastClose} is the persistence forecast.
 */
public record PredictionsView(long trialId, int windows, int stride, List<String> time, List<Double> lastClose,
                              List<Double> predicted, List<Double> actual, double modelRmse, double persistenceRmse) {

    static PredictionsView of(long id, Predictions p, int max) {
        int n = p.size();
        int stride = Math.max(1, (n + max - 1) / max);
        List<String> t = new ArrayList<>();
        List<Double> l = new ArrayList<>(), pr = new ArrayList<>(), a = new ArrayList<>();
        for (int i = 0; i < n; i += stride) {
            t.add(p.time().get(i));
            l.add(TrialRow.finite(p.lastClose()[i]));
            pr.add(TrialRow.finite(p.predicted()[i]));
            a.add(TrialRow.finite(p.actual()[i]));
        }
        double sm = 0, sp = 0;
        for (int i = 0; i < n; i++) {
            sm += sq(p.predicted()[i] - p.actual()[i]);
            sp += sq(p.lastClose()[i] - p.actual()[i]);
        }
        return new PredictionsView(id, n, stride, t, l, pr, a, n == 0 ? Double.NaN : Math.sqrt(sm / n),
                n == 0 ? Double.NaN : Math.sqrt(sp / n));
    }

    private static double sq(double x) {
        return x * x;
    }
}
