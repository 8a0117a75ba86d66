package dev.lstmtuner.search;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.sampler.TakenPoints;
import dev.lstmtuner.search.space.CategoricalParam;
import dev.lstmtuner.search.space.FloatParam;
import dev.lstmtuner.search.space.IntParam;
import dev.lstmtuner.search.space.Param;
import dev.lstmtuner.search.space.SearchSpace;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finished trials of the campaign an experiment warm-starts from, as this campaign's sampler sees them: the same
 * {@link PastTrial}s as its own (marked {@code warm}), put before them in the list every sampler gets, so TPE (or any
 * sampler that learns from the past) is informed from the first proposal while samplers stay pure functions of
 * (space, past trials). Only the params this space shares, with values inside its range, are kept; the others are
 * dropped, so this space's other params are sampled fresh. Warm trials are never stored in this campaign: they
 * never count as its trials nor appear on its leaderboard.
 */
final class WarmTrials {
    private WarmTrials() {
    }

    /**
     * The source's COMPLETE (with an objective) and PRUNED sampled trials, in number order; empty without a warm
     * start, or when the source campaign is gone.
     */
    static List<PastTrial> of(Store store, Experiment e) {
        if (e.warmStart() == null || store.campaign(e.warmStart().campaign()).isEmpty()) return List.of();
        List<Trial> finished = PastTrials.all(store, e.warmStart().campaign()).stream()
                .filter(t -> t.confirmOf() == null && (t.state() == TrialState.PRUNED
                        || t.state() == TrialState.COMPLETE && t.objective() != null && !t.objective().isNaN()))
                .toList();
        // the curves matter for pruned trials only: samplers rank them by how far they got and their value there
        Map<Long, List<EpochMetrics>> curves = store.epochs(finished.stream()
                .filter(t -> t.state() == TrialState.PRUNED).map(Trial::id).toList());
        List<PastTrial> out = new ArrayList<>();
        for (Trial t : finished) {
            Map<String, Object> params = project(e.space(), t.params());
            if (params.isEmpty()) continue;
            List<EpochMetrics> epochs = curves.getOrDefault(t.id(), List.of());
            double[] curve = new double[epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch()];
            Arrays.fill(curve, Double.NaN);
            for (EpochMetrics m : epochs) curve[m.epoch() - 1] = e.objective().ofEpoch(m);
            out.add(new PastTrial(t.number(), params, t.state(), t.objective(), curve, null, true));
        }
        return List.copyOf(out);
    }

    /** The params of {@code params} that {@code space} has, with values inside its range; the others dropped. */
    static Map<String, Object> project(SearchSpace space, Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            Param p = space.param(name);
            if (p != null && inRange(p, value)) out.put(name, value);
        });
        return out;
    }

    private static boolean inRange(Param p, Object value) {
        if (p instanceof CategoricalParam c) return c.indexOf(value) >= 0;
        if (!(value instanceof Number n)) return false;
        double v = n.doubleValue();
        if (p instanceof FloatParam f) return v >= f.low() && v <= f.high();
        IntParam i = (IntParam) p;
        return v >= i.low() && v <= i.high() && i.values().contains((int) v) && v == Math.rint(v);
    }

    /** The campaign's taken points with the warm trials' on top (the campaign's own set is left as it is). */
    static TakenPoints taken(TakenPoints campaign, List<PastTrial> warm) {
        if (warm.isEmpty()) return campaign;
        TakenPoints t = campaign.layered();
        for (PastTrial w : warm) t.add(w.params());
        return t;
    }

    /** What the sampler sees: the warm trials, then the campaign's own ({@code own}); {@code taken} holds both. */
    static List<PastTrial> view(List<PastTrial> warm, List<PastTrial> own, TakenPoints taken) {
        return warm.isEmpty() ? own : new PastView(warm, own, taken);
    }
}
