package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The campaign's learning curves (validation RMSE by epoch) and its per-worker timeline, over the trials that pass
 * the table's filters.
 */
public final class CampaignCurves {
    /** Curves drawn at most: every running trial, the best COMPLETE ones and the latest PRUNED/FAILED ones. */
    public static final int MAX_CURVES = 60;
    /** Trials on the timeline at most (the latest started). */
    public static final int MAX_TIMELINE = 2_000;
    private final LeaderboardService service;

    public CampaignCurves(LeaderboardService service) {
        this.service = service;
    }

    /** One trial's curve; {@code best} marks the campaign's best trial. */
    public record Curve(long id, int number, String state, boolean best, Map<String, Object> params,
                        List<double[]> points) {
    }

    /** One bar of the timeline: a trial on its worker from start to finish ({@code finishedAt} null while running). */
    public record Bar(long id, int number, String worker, String state, String startedAt, String finishedAt,
                      Double objective) {
    }

    public record Timeline(List<String> workers, List<Bar> bars, boolean thinned) {
    }

    public List<Curve> curves(TrialsRequest r) {
        Campaign c = service.requireCampaign(r.campaign());
        service.checkFilters(r, c);
        return service.cache().get("curves|" + r.cacheKey(), () -> {
            List<Trial> trials = service.matching(r, c);
            List<Trial> picked = pick(trials, c.direction());
            Map<Long, List<EpochMetrics>> epochs = picked.isEmpty() ? Map.of()
                    : service.store().epochs(picked.stream().map(Trial::id).toList());
            Long best = service.best(c.name()).map(b -> b.trial().id()).orElse(null);
            List<Curve> out = new ArrayList<>();
            for (Trial t : picked) {
                List<EpochMetrics> e = epochs.getOrDefault(t.id(), List.of());
                if (e.isEmpty()) continue;
                out.add(new Curve(t.id(), t.number(), t.state().name().toLowerCase(Locale.ROOT),
                        best != null && best == t.id(), t.params(),
                        e.stream().map(m -> new double[]{m.epoch(), m.valRmse()}).toList()));
            }
            return out;
        });
    }

    /** Running trials first, then the best COMPLETE ones, then the latest others with epochs, up to the cap. */
    static List<Trial> pick(List<Trial> trials, Direction dir) {
        LinkedHashSet<Trial> out = new LinkedHashSet<>();
        trials.stream().filter(t -> t.state() == TrialState.RUNNING).limit(MAX_CURVES / 3).forEach(out::add);
        Comparator<Trial> byObjective = Comparator.comparingDouble(Trial::objective);
        trials.stream().filter(t -> t.state() == TrialState.COMPLETE && t.objective() != null && Double.isFinite(t.objective()))
                .sorted(dir == Direction.MAXIMIZE ? byObjective.reversed() : byObjective)
                .limit(MAX_CURVES / 2).forEach(out::add);
        List<Trial> others = trials.stream().filter(t -> t.state() == TrialState.PRUNED || t.state() == TrialState.FAILED).toList();
        for (int i = others.size() - 1; i >= 0 && out.size() < MAX_CURVES; i--) out.add(others.get(i));
        return List.copyOf(out);
    }

    public Timeline timeline(TrialsRequest r) {
        Campaign c = service.requireCampaign(r.campaign());
        service.checkFilters(r, c);
        return service.cache().get("timeline|" + r.cacheKey(), () -> {
            List<Trial> started = service.matching(r, c).stream().filter(t -> t.startedAt() != null).toList();
            List<Trial> shown = started.subList(Math.max(0, started.size() - MAX_TIMELINE), started.size());
            LinkedHashSet<String> workers = new LinkedHashSet<>();
            shown.stream().map(t -> t.worker() == null ? "?" : t.worker()).sorted().forEach(workers::add);
            List<Bar> bars = shown.stream().map(t -> new Bar(t.id(), t.number(), t.worker() == null ? "?" : t.worker(),
                    TrialRow.interrupted(t) ? "interrupted" : t.state().name().toLowerCase(Locale.ROOT),
                    TrialRow.time(t.startedAt()), TrialRow.time(t.finishedAt()),
                    TrialRow.finite(t.objective()))).toList();
            return new Timeline(List.copyOf(workers), bars, shown.size() < started.size());
        });
    }
}
