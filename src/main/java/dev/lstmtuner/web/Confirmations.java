package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Winner confirmation as the leaderboard shows it: each trial that confirmation runs re-train ({@code confirmOf})
 * with the mean ± sample sd of the objective over the original and its COMPLETE runs; the confirmed winner is the
 * best mean in the campaign's direction (only among groups with at least two values).
 */
public final class Confirmations {
    private Confirmations() {
    }

    /** One confirmed trial: its own id and number, every run's id, and the objective's mean, sd and count. */
    public record Group(long trialId, int number, List<Long> runIds, int n, Double mean, Double sd, boolean winner) {
    }

    /**
     * Groups {@code runs} (any trials; those without {@code confirmOf} are ignored) by the trial they confirm,
     * looked up with {@code original}; best mean first.
     */
    public static List<Group> of(List<Trial> runs, LongFunction<Trial> original, Direction direction) {
        Map<Long, List<Trial>> byOriginal = new LinkedHashMap<>();
        for (Trial t : runs) if (t.confirmOf() != null) byOriginal.computeIfAbsent(t.confirmOf(), k -> new ArrayList<>()).add(t);
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<Long, List<Trial>> e : byOriginal.entrySet()) {
            Trial o = original.apply(e.getKey());
            if (o == null) continue;
            List<Double> values = new ArrayList<>();
            if (usable(o)) values.add(o.objective());
            List<Long> ids = new ArrayList<>();
            for (Trial t : e.getValue()) {
                ids.add(t.id());
                if (usable(t)) values.add(t.objective());
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            groups.add(new Group(o.id(), o.number(), List.copyOf(ids), values.size(), values.isEmpty() ? null : mean,
                    values.size() < 2 ? null : Math.sqrt(ss / (values.size() - 1)), false));
        }
        Comparator<Group> byMean = Comparator.comparing(g -> g.mean() == null ? Double.NaN : g.mean());
        if (direction == Direction.MAXIMIZE) byMean = byMean.reversed();
        Comparator<Group> order = Comparator.<Group, Boolean>comparing(g -> g.mean() == null).thenComparing(byMean);
        groups.sort(order);
        List<Group> out = new ArrayList<>();
        boolean crowned = false;
        for (Group g : groups) {
            boolean win = !crowned && g.n() >= 2 && g.mean() != null;
            crowned |= win;
            out.add(win ? new Group(g.trialId(), g.number(), g.runIds(), g.n(), g.mean(), g.sd(), true) : g);
        }
        return out;
    }

    private static boolean usable(Trial t) {
        return t.state() == TrialState.COMPLETE && t.objective() != null && Double.isFinite(t.objective());
    }
}
