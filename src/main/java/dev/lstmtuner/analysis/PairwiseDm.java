package dev.lstmtuner.analysis;

import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Diebold–Mariano tests of a reference trial against each other trial on the test windows both forecast (matched by
 * forecast time), refused where the two forecast different things ({@link Comparability}), and Holm-corrected when
 * more than one pair is tested, so one lucky pair does not pass as a real difference.
 */
public final class PairwiseDm {
    private PairwiseDm() {
    }

    /**
     * One trial as a side of a test: what it forecasts, its test predictions (null when it has none readable) and
     * the horizon it forecast at.
     */
    public record Side(Trial trial, Comparability what, Predictions predictions, int horizon) {
    }

    /**
     * The test of trial {@code a} against trial {@code b} on their shared test windows ({@code n} of
     * {@code windowsA}/{@code windowsB}); {@code pAdjusted} is Holm-corrected when several pairs are tested (else the
     * raw p-value); {@code error} says why it could not run (the trials forecast different things: it then starts
     * "not compared: "; or a trial lacks predictions), then the other fields are null; {@code betterId} is null when
     * neither is better.
     */
    public record Row(long a, long b, String aLabel, String bLabel, Double statistic, Double pValue, Double pAdjusted,
                      Integer n, Integer windowsA, Integer windowsB, Integer horizon, Long betterId,
                      Boolean significant, String verdict, String error) {
    }

    /** The reference against each other side, in order, Holm-corrected over the pairs that could be tested. */
    public static List<Row> against(Side reference, List<Side> others) {
        List<Row> rows = new ArrayList<>();
        for (Side o : others) rows.add(test(reference, o));
        return holm(rows);
    }

    /** One pair, A = {@code a}: refused, untestable, or the Diebold–Mariano verdict (uncorrected). */
    public static Row test(Side a, Side b) {
        Trial ta = a.trial(), tb = b.trial();
        String refusal = Comparability.refusal(ta, a.what(), tb, b.what());
        if (refusal != null) return failed(ta, tb, refusal);
        if (a.predictions() == null || b.predictions() == null) {
            return failed(ta, tb, "no predictions artifact for " + (a.predictions() == null ? ta.label() : tb.label())
                    + ": cannot test");
        }
        Predictions pa = a.predictions(), pb = b.predictions();
        Map<String, Integer> indexB = new HashMap<>();
        for (int i = 0; i < pb.size(); i++) indexB.put(pb.time().get(i), i);
        List<double[]> pairs = new ArrayList<>();
        double[] ea = pa.errors(), eb = pb.errors();
        for (int i = 0; i < pa.size(); i++) {
            Integer j = indexB.get(pa.time().get(i));
            if (j != null && Double.isFinite(ea[i]) && Double.isFinite(eb[j])) pairs.add(new double[]{ea[i], eb[j]});
        }
        double[] xa = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] xb = pairs.stream().mapToDouble(p -> p[1]).toArray();
        try {
            DieboldMariano.Result r = DieboldMariano.test(xa, xb, a.horizon(), "#" + ta.number(), "#" + tb.number());
            Long better = r.better() == null ? null : r.better().equals("A") ? ta.id() : tb.id();
            return new Row(ta.id(), tb.id(), ta.label(), tb.label(), r.statistic(), r.pValue(), r.pValue(), r.n(),
                    pa.size(), pb.size(), a.horizon(), better, r.significant(), r.verdict(), null);
        } catch (IllegalArgumentException e) {
            return failed(ta, tb, "no shared test windows to compare: " + e.getMessage());
        }
    }

    /** Holm's step-down adjustment over the pairs that were tested; verdicts follow the adjusted p-values. */
    static List<Row> holm(List<Row> rows) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).error() == null) tested.add(i);
        int m = tested.size();
        if (m < 2) return rows;
        tested.sort(Comparator.comparingDouble(i -> rows.get(i).pValue()));
        List<Row> out = new ArrayList<>(rows);
        double running = 0;
        for (int k = 0; k < m; k++) {
            Row r = rows.get(tested.get(k));
            running = Math.max(running, Math.min(1, (m - k) * r.pValue()));
            boolean sig = running < DieboldMariano.ALPHA && r.betterId() != null;
            out.set(tested.get(k), new Row(r.a(), r.b(), r.aLabel(), r.bLabel(), r.statistic(), r.pValue(), running,
                    r.n(), r.windowsA(), r.windowsB(), r.horizon(), r.betterId(), sig,
                    adjustedVerdict(r, running, sig, m), null));
        }
        return out;
    }

    /** The sentence that explains the correction when several pairs were tested; null otherwise. */
    public static String correctionNote(List<Row> rows, String referenceLabel) {
        long tested = rows.stream().filter(r -> r.error() == null).count();
        return tested > 1 ? tested + " pairs are tested against " + referenceLabel + ": the p-values are"
                + " Holm-corrected for multiple comparisons (each raw p-value is shown too), so one lucky pair does not"
                + " pass as a real difference" : null;
    }

    private static String adjustedVerdict(Row r, double adjusted, boolean significant, int m) {
        String p = "p " + pText(r.pValue()) + ", Holm-adjusted over " + m + " pairs: p " + pText(adjusted);
        String a = r.aLabel(), b = r.bLabel();
        if (r.betterId() == null) return "No difference between " + a + " and " + b + " (" + p + ").";
        String better = r.betterId() == r.a() ? a : b;
        String worse = r.betterId() == r.a() ? b : a;
        if (significant) return better + " forecasts better than " + worse + " (" + p + ").";
        return "No real difference: " + better + " has slightly smaller squared errors than " + worse
                + ", but a gap this size is plausible by chance (" + p + ").";
    }

    private static String pText(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }

    private static Row failed(Trial a, Trial b, String why) {
        return new Row(a.id(), b.id(), a.label(), b.label(), null, null, null, null, null, null, null, null, null,
                null, why);
    }
}
