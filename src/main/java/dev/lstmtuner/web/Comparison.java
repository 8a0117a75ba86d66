package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the A/B comparison of 2–4 trials, from one campaign or several. The reference (first column) is the best
 * trial by objective when every trial shares the objective and its direction, unless the caller pins one; each other
 * trial is tested against it with Diebold–Mariano where the two forecast the same thing (else the pair carries the
 * refusal), Holm-corrected when more than one pair is tested.
 */
public final class Comparison {
    private final LeaderboardService service;
    private final TrialDetails details;

    public Comparison(LeaderboardService service, TrialDetails details) {
        this.service = service;
        this.details = details;
    }

    public CompareView compare(List<Long> ids, Long pin) {
        if (pin != null && !ids.contains(pin)) {
            throw ApiException.badParameter("pin", "'pin' must be one of the compared ids " + ids + ", got " + pin);
        }
        List<Trial> trials = new ArrayList<>(ids.stream().map(service::trial).toList());
        String order = order(trials, pin);
        List<TrialRow> rows = trials.stream().map(TrialRow::of).toList();

        LinkedHashSet<String> names = new LinkedHashSet<>();
        trials.forEach(t -> names.addAll(t.params().keySet()));
        List<CompareView.ParamRow> params = new ArrayList<>();
        for (String name : names) {
            List<Object> values = new ArrayList<>();
            trials.forEach(t -> values.add(t.params().get(name)));
            boolean differs = values.stream().anyMatch(v -> !LeaderboardService.sameValue(v, values.get(0)));
            params.add(new CompareView.ParamRow(name, values, differs));
        }

        List<CompareView.MetricRow> metrics = new ArrayList<>();
        boolean oneObjective = sharedObjective(trials) != null;
        metrics.add(metricRow("objective", rows.stream().map(TrialRow::objective).toList(),
                oneObjective ? !direction(trials.get(0)).equals(Direction.MAXIMIZE) : null));
        for (Objective m : Objective.values()) {
            metrics.add(metricRow(m.key(), rows.stream().map(r -> r.metrics().get(m.key())).toList(), lowerIsBetter(m)));
        }

        List<CompareView.DmRow> dm = new ArrayList<>();
        for (int i = 1; i < trials.size(); i++) dm.add(dm(trials.get(0), trials.get(i)));
        dm = holm(dm);
        long tested = dm.stream().filter(r -> r.error() == null).count();
        String note = tested > 1 ? tested + " pairs are tested against " + label(trials.get(0)) + ": the p-values are"
                + " Holm-corrected for multiple comparisons (each raw p-value is shown too), so one lucky pair does not"
                + " pass as a real difference" : null;
        return new CompareView(rows, params, metrics, dm, order, note);
    }

    /** Puts the pinned trial, else the best by objective, first; says which rule applied. */
    private String order(List<Trial> trials, Long pin) {
        String objective = sharedObjective(trials);
        if (objective != null) {
            Comparator<Double> byValue = direction(trials.get(0)) == Direction.MAXIMIZE
                    ? Comparator.<Double>reverseOrder() : Comparator.<Double>naturalOrder();
            trials.sort(Comparator.comparing(t -> t.objective() == null || t.objective().isNaN() ? null : t.objective(),
                    Comparator.nullsLast(byValue)));
        }
        if (pin != null) {
            Trial p = trials.stream().filter(t -> t.id() == pin).findFirst().orElseThrow();
            trials.remove(p);
            trials.add(0, p);
            return "pinned: " + label(p) + " is the reference";
        }
        if (objective == null) return "as given: the trials do not share one objective and direction, so none is ranked";
        return "best first by " + objective + ": " + label(trials.get(0)) + " is the reference";
    }

    /** The objective every trial's campaign optimises (name and direction), null when they differ. */
    private String sharedObjective(List<Trial> trials) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (Trial t : trials) {
            Campaign c = service.requireCampaign(t.campaign());
            seen.add(c.objective() + " (" + c.direction().label() + ")");
        }
        return seen.size() == 1 ? seen.iterator().next() : null;
    }

    private Direction direction(Trial t) {
        return service.requireCampaign(t.campaign()).direction();
    }

    static String label(Trial t) {
        return "#" + t.number() + " (" + t.campaign() + ")";
    }

    /** Lower or higher is better for forecast metrics; null (no judgement) for size, cost and the p-value. */
    static Boolean lowerIsBetter(Objective m) {
        return switch (m) {
            case TEST_R2, DIRECTION_ACCURACY, SKILL -> false;
            case VAL_RMSE, VAL_LOSS, TEST_MAE, TEST_RMSE, TEST_MAPE, PERSISTENCE_RMSE -> true;
            default -> null;
        };
    }

    /** {@code bestIndex} is set only when one trial is strictly best (ties and undirected rows are not marked). */
    static CompareView.MetricRow metricRow(String key, List<Double> values, Boolean lowerBetter) {
        List<Double> deltas = new ArrayList<>();
        for (Double v : values) deltas.add(v == null || values.get(0) == null ? null : v - values.get(0));
        Integer best = null;
        if (lowerBetter != null && values.stream().filter(v -> v != null).count() > 1) {
            Double top = null;
            for (Double v : values) if (v != null && (top == null || (lowerBetter ? v < top : v > top))) top = v;
            final Double t = top;
            if (values.stream().filter(v -> v != null && v.equals(t)).count() == 1) best = values.indexOf(t);
        }
        return new CompareView.MetricRow(key, values, deltas, lowerBetter == null ? null : lowerBetter ? "lower" : "higher", best);
    }

    Comparability comparability(Trial t) {
        TrialReport r = details.report(t.id());
        Object sym = t.params().get("symbol");
        String symbol = sym != null ? sym.toString() : CampaignRow.symbolOf(service.requireCampaign(t.campaign()));
        return new Comparability(symbol, details.horizon(t.id()), r.provenance() == null ? null : r.provenance().data());
    }

    /**
     * Only the Diebold–Mariano test of two trials: a 400 naming the difference when they forecast different things
     * (symbol, horizon or data), unlike {@link #compare}, which still shows their params and metrics.
     */
    public CompareView.DmRow dmOnly(List<Long> ids) {
        Trial a = service.trial(ids.get(0)), b = service.trial(ids.get(1));
        String refusal = refusal(a, b);
        if (refusal != null) throw ApiException.badParameter("ids", refusal);
        return dm(a, b);
    }

    /** The refusal naming how two trials differ, null when a Diebold–Mariano test may pair their errors. */
    String refusal(Trial a, Trial b) {
        return Comparability.difference(a, comparability(a), b, comparability(b));
    }

    /** Diebold–Mariano on the windows both trials forecast (matched by time), A = the reference trial. */
    CompareView.DmRow dm(Trial a, Trial b) {
        String refusal = refusal(a, b);
        if (refusal != null) return failed(a, b, refusal);
        Predictions pa, pb;
        try {
            pa = details.predictions(a.id());
            pb = details.predictions(b.id());
        } catch (ApiException e) {
            return failed(a, b, e.getMessage());
        }
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
        int h = details.horizon(a.id());
        try {
            DieboldMariano.Result r = DieboldMariano.test(xa, xb, h, "#" + a.number(), "#" + b.number());
            Long better = r.better() == null ? null : r.better().equals("A") ? a.id() : b.id();
            return new CompareView.DmRow(a.id(), b.id(), a.label(), b.label(), r.statistic(), r.pValue(), r.pValue(),
                    r.n(), pa.size(), pb.size(), h, better, r.significant(), r.verdict(), null);
        } catch (IllegalArgumentException e) {
            return failed(a, b, "no shared test windows to compare: " + e.getMessage());
        }
    }

    /** Holm's step-down adjustment over the pairs that were tested; verdicts follow the adjusted p-values. */
    static List<CompareView.DmRow> holm(List<CompareView.DmRow> rows) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).error() == null) tested.add(i);
        int m = tested.size();
        if (m < 2) return rows;
        tested.sort(Comparator.comparingDouble(i -> rows.get(i).pValue()));
        List<CompareView.DmRow> out = new ArrayList<>(rows);
        double running = 0;
        for (int k = 0; k < m; k++) {
            CompareView.DmRow r = rows.get(tested.get(k));
            running = Math.max(running, Math.min(1, (m - k) * r.pValue()));
            boolean sig = running < DieboldMariano.ALPHA && r.betterId() != null;
            out.set(tested.get(k), new CompareView.DmRow(r.a(), r.b(), r.aLabel(), r.bLabel(), r.statistic(), r.pValue(),
                    running, r.n(), r.windowsA(), r.windowsB(), r.horizon(), r.betterId(), sig,
                    adjustedVerdict(r, running, sig, m), null));
        }
        return out;
    }

    private static String adjustedVerdict(CompareView.DmRow r, double adjusted, boolean significant, int m) {
        String p = "p " + pText(r.pValue()) + ", Holm-adjusted over " + m + " pairs: p " + pText(adjusted);
        if (r.betterId() == null) return "No difference between " + r.aLabel() + " and " + r.bLabel() + " (" + p + ").";
        String better = r.betterId() == r.a() ? r.aLabel() : r.bLabel();
        String worse = r.betterId() == r.a() ? r.bLabel() : r.aLabel();
        if (significant) return better + " forecasts better than " + worse + " (" + p + ").";
        return "No real difference: " + better + " has slightly smaller squared errors than " + worse
                + ", but a gap this size is plausible by chance (" + p + ").";
    }

    private static String pText(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }

    private static CompareView.DmRow failed(Trial a, Trial b, String why) {
        return new CompareView.DmRow(a.id(), b.id(), a.label(), b.label(), null, null, null, null, null, null, null,
                null, null, null, why);
    }
}
