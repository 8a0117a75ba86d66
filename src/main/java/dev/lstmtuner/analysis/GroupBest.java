package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The best trial per group (a symbol, a model family) among candidates from one or several campaigns, in each
 * campaign's direction: a maximised objective (direction accuracy) ranks the highest first. Candidates of one group
 * are ranked by their value only when they share one objective and direction; otherwise by validation RMSE (lower is
 * better), which every trial records, and {@code rankedBy} says so. Confirmation runs are never candidates.
 */
public final class GroupBest {
    private GroupBest() {
    }

    /** A trial that may be its group's best, with the value it ranks by (objective, or a confirmed fresh mean). */
    public record Candidate(String key, Campaign campaign, Trial trial, double value) {
        public static Candidate of(String key, BestTrial b) {
            return new Candidate(key, b.campaign(), b.trial(), b.value());
        }

        public static Candidate of(String key, Campaign c, Trial t) {
            return new Candidate(key, c, t, t.objective() == null ? Double.NaN : t.objective());
        }
    }

    /** A group's best and how many candidates it had; {@code rankedBy} names the value compared. */
    public record Group(String key, int candidates, Candidate best, String rankedBy) {
    }

    /** Groups by key (sorted), each with its best candidate; candidates without a finite value never win. */
    public static List<Group> of(List<Candidate> candidates) {
        Map<String, List<Candidate>> byKey = new TreeMap<>();
        for (Candidate c : candidates) {
            if (c.trial().confirmOf() != null) continue;
            byKey.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c);
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> e : byKey.entrySet()) {
            List<Candidate> cs = e.getValue();
            Map<String, Direction> objectives = new LinkedHashMap<>();
            cs.forEach(c -> objectives.put(c.campaign().objective() + " " + c.campaign().direction(),
                    c.campaign().direction()));
            boolean shared = objectives.size() == 1;
            Candidate best = null;
            for (Candidate c : cs) {
                double v = shared ? c.value() : valRmse(c.trial());
                if (!Double.isFinite(v)) continue;
                Direction d = shared ? c.campaign().direction() : Direction.MINIMIZE;
                if (best == null || d.isBetter(v, shared ? best.value() : valRmse(best.trial()))) best = c;
            }
            String by = shared ? cs.get(0).campaign().objective() + " (" + cs.get(0).campaign().direction().label() + ")"
                    : "val_rmse (minimize): the campaigns optimise different objectives";
            out.add(new Group(e.getKey(), cs.size(), best, by));
        }
        return out;
    }

    private static double valRmse(Trial t) {
        return t.metrics() == null ? Double.NaN : t.metrics().bestValRmse();
    }
}
