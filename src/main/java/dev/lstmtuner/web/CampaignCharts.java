package dev.lstmtuner.web;

import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Direction;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Optimization history, parallel coordinates, slice plots and param importance for one campaign. */
public final class CampaignCharts {
    /** Most points one chart gets; browsers stay responsive with 100k trials. */
    public static final int MAX_POINTS = 5_000;
    static final String METHOD = ParamImportance.METHOD;
    private final LeaderboardService service;

    public CampaignCharts(LeaderboardService service) {
        this.service = service;
    }

    public ChartsView charts(String campaign) {
        Campaign c = service.requireCampaign(campaign);
        return service.cache().get("charts|" + campaign, () -> build(c, service.allTrials(campaign)));
    }

    static ChartsView build(Campaign c, List<Trial> trials) {
        Direction dir = c.direction();
        List<Trial> done = trials.stream().filter(t -> t.state() == TrialState.COMPLETE && t.objective() != null
                && Double.isFinite(t.objective())).toList();
        int stride = Math.max(1, (trials.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<ChartsView.HistoryPoint> history = new ArrayList<>();
        Double best = null;
        int i = 0;
        for (Trial t : trials) {
            boolean ok = t.state() == TrialState.COMPLETE && t.objective() != null && Double.isFinite(t.objective());
            boolean improved = ok && (best == null || dir.isBetter(t.objective(), best));
            if (improved) best = t.objective();
            if (t.state().isFinished() && (improved || i % stride == 0)) {
                history.add(new ChartsView.HistoryPoint(t.number(), t.id(), t.state().name().toLowerCase(java.util.Locale.ROOT),
                        ok ? t.objective() : null, best));
            }
            i++;
        }
        int pstride = Math.max(1, (done.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<ChartsView.Point> points = new ArrayList<>();
        for (int k = 0; k < done.size(); k += pstride) {
            Trial t = done.get(k);
            points.add(new ChartsView.Point(t.id(), t.number(), t.objective(), t.params()));
        }
        List<ParamImportance.Sample> samples = done.stream()
                .map(t -> new ParamImportance.Sample(t.params(), t.objective())).toList();
        return new ChartsView(c.name(), c.objective(), dir.label(), done.size(), stride > 1 || pstride > 1, history,
                axes(done), points, ParamImportance.compute(samples), METHOD);
    }

    static List<ChartsView.ParamAxis> axes(List<Trial> trials) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        trials.forEach(t -> names.addAll(t.params().keySet()));
        List<ChartsView.ParamAxis> out = new ArrayList<>();
        for (String name : names) {
            boolean numeric = trials.stream().map(t -> t.params().get(name)).allMatch(v -> v == null || v instanceof Number);
            if (numeric) {
                double min = trials.stream().map(t -> t.params().get(name)).filter(v -> v != null)
                        .mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
                double max = trials.stream().map(t -> t.params().get(name)).filter(v -> v != null)
                        .mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
                out.add(new ChartsView.ParamAxis(name, true, min, max, null));
            } else {
                Map<String, Boolean> cats = new LinkedHashMap<>();
                trials.forEach(t -> cats.put(String.valueOf(t.params().get(name)), true));
                out.add(new ChartsView.ParamAxis(name, false, null, null, List.copyOf(cats.keySet())));
            }
        }
        return out;
    }
}
