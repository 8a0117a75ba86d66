package dev.lstmtuner.report;

import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.analysis.Predictions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pairs two trials' test errors by forecast time, so the Diebold–Mariano test compares the same targets. */
final class MatchedErrors {
    private MatchedErrors() {
    }

    /** A = {@code a}; throws IllegalArgumentException when too few windows are shared. */
    static DieboldMariano.Result dm(Predictions a, Predictions b, int horizon, String nameA, String nameB) {
        Map<String, Integer> indexB = new HashMap<>();
        for (int i = 0; i < b.size(); i++) indexB.put(b.time().get(i), i);
        double[] ea = a.errors(), eb = b.errors();
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Integer j = indexB.get(a.time().get(i));
            if (j != null && Double.isFinite(ea[i]) && Double.isFinite(eb[j])) pairs.add(new double[]{ea[i], eb[j]});
        }
        double[] xa = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] xb = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return DieboldMariano.test(xa, xb, horizon, nameA, nameB);
    }
}
