package dev.lstmtuner.web;

import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.store.Metric;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Builds the A/B comparison of 2–4 trials. */
public final class Comparison {
    private final LeaderboardService service;
    private final TrialDetails details;

    public Comparison(LeaderboardService service, TrialDetails details) {
        this.service = service;
        this.details = details;
    }

    public CompareView compare(List<Long> ids) {
        List<Trial> trials = ids.stream().map(service::trial).toList();
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
        metrics.add(metricRow("objective", rows.stream().map(TrialRow::objective).toList(),
                !service.requireCampaign(trials.get(0).campaign()).direction().label().equals("maximize")));
        for (Metric m : Metric.values()) {
            if (m == Metric.OBJECTIVE || m == Metric.NUMBER) continue;
            boolean lowerBetter = !(m == Metric.TEST_R2 || m == Metric.DIRECTION_ACCURACY || m == Metric.SKILL);
            metrics.add(metricRow(m.key(), rows.stream().map(r -> r.metrics().get(m.key())).toList(), lowerBetter));
        }

        List<CompareView.DmRow> dm = new ArrayList<>();
        for (int i = 1; i < trials.size(); i++) dm.add(dm(trials.get(0), trials.get(i)));
        return new CompareView(rows, params, metrics, dm);
    }

    private static CompareView.MetricRow metricRow(String key, List<Double> values, boolean lowerBetter) {
        List<Double> deltas = new ArrayList<>();
        Integer best = null;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            deltas.add(v == null || values.get(0) == null ? null : v - values.get(0));
            if (v != null && (best == null || (lowerBetter ? v < values.get(best) : v > values.get(best)))) best = i;
        }
        return new CompareView.MetricRow(key, values, deltas, lowerBetter ? "lower" : "higher", best);
    }

    /** Diebold–Mariano on the windows both trials forecast (matched by time), A = the first trial. */
    CompareView.DmRow dm(Trial a, Trial b) {
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
            return new CompareView.DmRow(a.id(), b.id(), a.label(), b.label(), r.statistic(), r.pValue(), r.n(), h,
                    better, r.significant(), r.verdict(), null);
        } catch (IllegalArgumentException e) {
            return failed(a, b, "no shared test windows to compare: " + e.getMessage());
        }
    }

    private static CompareView.DmRow failed(Trial a, Trial b, String why) {
        return new CompareView.DmRow(a.id(), b.id(), a.label(), b.label(), null, null, null, null, null, null, null, why);
    }
}
