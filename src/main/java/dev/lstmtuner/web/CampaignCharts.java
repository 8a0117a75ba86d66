package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Optimization history, parallel coordinates, slice plots and param importance for one campaign. */
public final class CampaignCharts {
    /** Most points one chart gets; browsers stay responsive with 100k trials. */
    public static final int MAX_POINTS = 5_000;
    /** Fewer COMPLETE trials than this and the importance chart says its ranking means little. */
    public static final int IMPORTANCE_MIN_TRIALS = 10;
    static final String METHOD = ParamImportance.METHOD;
    private final LeaderboardService service;

    public CampaignCharts(LeaderboardService service) {
        this.service = service;
    }

    public ChartsView charts(TrialsRequest r) {
        Campaign c = service.requireCampaign(r.campaign());
        service.checkFilters(r, c);
        return service.cache().get("charts|" + r.cacheKey(), () -> {
            List<Trial> trials = service.matching(r, c);
            return build(c, trials, service.lastEpochs(prunedSample(trials)));
        });
    }

    /** The PRUNED trials whose last value the history shows: at most {@link #MAX_POINTS}, evenly spread. */
    static List<Trial> prunedSample(List<Trial> trials) {
        List<Trial> pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).toList();
        int stride = Math.max(1, (pruned.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < pruned.size(); i += stride) out.add(pruned.get(i));
        return out;
    }

    static ChartsView build(Campaign c, List<Trial> trials, Map<Long, EpochMetrics> lastEpochs) {
        Direction dir = c.direction();
        List<Trial> done = trials.stream().filter(CampaignCharts::scored).toList();
        int stride = Math.max(1, (trials.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<ChartsView.HistoryPoint> history = new ArrayList<>();
        List<ChartsView.Point> points = new ArrayList<>();
        Double best = null;
        int i = 0;
        for (Trial t : trials) {
            boolean ok = scored(t);
            boolean improved = ok && (best == null || dir.isBetter(t.objective(), best));
            if (improved) best = t.objective();
            EpochMetrics last = t.state() == TrialState.PRUNED ? lastEpochs.get(t.id()) : null;
            Double lastValue = last == null ? null : TrialRow.finite(last.valRmse());
            if (t.state().isFinished() && (improved || i % stride == 0)) {
                history.add(new ChartsView.HistoryPoint(t.number(), t.id(), t.state().name().toLowerCase(Locale.ROOT),
                        ok ? t.objective() : null, best, lastValue, t.prunedEpoch()));
                if (ok || lastValue != null) {
                    points.add(new ChartsView.Point(t.id(), t.number(), t.state().name().toLowerCase(Locale.ROOT),
                            ok ? t.objective() : lastValue, t.params()));
                }
            }
            i++;
        }
        List<ParamImportance.Sample> samples = done.stream()
                .map(t -> new ParamImportance.Sample(t.params(), t.objective())).toList();
        String note = done.size() < IMPORTANCE_MIN_TRIALS ? "Too few trials: " + done.size() + " COMPLETE trial"
                + (done.size() == 1 ? "" : "s") + " match; with fewer than " + IMPORTANCE_MIN_TRIALS
                + " the ranking mostly reflects chance." : null;
        return new ChartsView(c.name(), c.objective().key(), dir.label(), done.size(), stride > 1, history,
                axes(done.isEmpty() ? trials : done, logParams(c)), points, ParamImportance.compute(samples), METHOD, note);
    }

    private static boolean scored(Trial t) {
        return t.state() == TrialState.COMPLETE && t.objective() != null && Double.isFinite(t.objective());
    }

    /** Params the campaign's space samples on a log scale ({@code "log": true}, or a {@code log_uniform} range). */
    static Set<String> logParams(Campaign c) {
        JsonNode root = CampaignRow.config(c.spaceJson());
        JsonNode params = root.has("params") ? root.get("params") : root;
        Set<String> out = new HashSet<>();
        params.fields().forEachRemaining(e -> {
            JsonNode spec = e.getValue();
            if (spec.path("log").asBoolean(false) || spec.has("log_uniform")) out.add(e.getKey());
        });
        return out;
    }

    static List<ChartsView.ParamAxis> axes(List<Trial> trials, Set<String> log) {
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
                out.add(new ChartsView.ParamAxis(name, true, log.contains(name) && min > 0, min, max, null));
            } else {
                Map<String, Boolean> cats = new LinkedHashMap<>();
                trials.forEach(t -> cats.put(String.valueOf(t.params().get(name)), true));
                out.add(new ChartsView.ParamAxis(name, false, false, null, null, List.copyOf(cats.keySet())));
            }
        }
        return out;
    }
}
