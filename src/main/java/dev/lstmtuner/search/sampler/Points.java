package dev.lstmtuner.search.sampler;

import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.CategoricalParam;
import dev.lstmtuner.search.space.FloatParam;
import dev.lstmtuner.search.space.IntParam;
import dev.lstmtuner.search.space.Param;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Params compared by value (64 == 64.0: a store may hand back numbers in another boxed type), and untaken points. */
final class Points {
    private static final int RANDOM_ATTEMPTS = 20;
    private static final double MAX_ENUMERATED = 1_000_000;
    /** Enumerates every point of a space without floats (step-1 ints keep all their values). */
    private static final GridSampler ALL_POINTS = new GridSampler(Integer.MAX_VALUE);

    private Points() {
    }

    static Map<String, Object> key(Map<String, Object> params) {
        Map<String, Object> k = new TreeMap<>();
        params.forEach((name, v) -> k.put(name, v instanceof Number n ? (Object) n.doubleValue() : v));
        return k;
    }

    /**
     * Points of all trials already handed out, finished or not: the set the list carries ({@link TakenPoints}, kept
     * incrementally by the campaign's history), else one indexed from the trials now.
     */
    static Set<Map<String, Object>> taken(List<PastTrial> past) {
        if (past instanceof TakenPoints.Carrier c) return c.takenPoints().keys();
        Set<Map<String, Object>> taken = new HashSet<>();
        for (PastTrial t : past) taken.add(key(t.params()));
        return taken;
    }

    /** A read-only live view of a ∪ b (b's elements that a also has are not repeated). */
    static <T> Set<T> union(Set<T> a, Set<T> b) {
        return new AbstractSet<>() {
            @Override
            public boolean contains(Object o) {
                return a.contains(o) || b.contains(o);
            }

            @Override
            public Iterator<T> iterator() {
                return Stream.concat(a.stream(), b.stream().filter(x -> !a.contains(x))).iterator();
            }

            @Override
            public int size() {
                return a.size() + (int) b.stream().filter(x -> !a.contains(x)).count();
            }
        };
    }

    /** Points of the full product of the values (an upper bound: conditions and max_of only remove points). */
    private static double size(SearchSpace space) {
        double n = 1;
        for (Param q : space.params()) n *= q instanceof IntParam i ? i.values().size() : ((CategoricalParam) q).values().size();
        return n;
    }

    static boolean isFinite(SearchSpace space) {
        return space.params().stream().noneMatch(p -> p instanceof FloatParam);
    }

    /**
     * A point no trial has: a few uniform draws, then, in a finite space, a uniform pick among the untaken points
     * of its enumeration. Empty only when a finite space has no untaken point left.
     */
    static Optional<Map<String, Object>> untaken(SearchSpace space, Set<Map<String, Object>> taken, long seed,
                                                 int trialNumber) {
        Map<String, Object> p = null;
        for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
            p = RandomSampler.draw(space, Seeds.mix(seed, trialNumber, attempt));
            if (!taken.contains(key(p))) return Optional.of(p);
        }
        // a float space has (practically) no end of points, nor a huge finite one: the last draw is as new as any
        if (!isFinite(space) || size(space) > MAX_ENUMERATED) return Optional.of(p);
        List<Map<String, Object>> left = new ArrayList<>();
        for (Map<String, Object> q : ALL_POINTS.points(space)) if (!taken.contains(key(q))) left.add(q);
        if (left.isEmpty()) return Optional.empty();
        return Optional.of(left.get(new SplittableRandom(Seeds.mix(seed, trialNumber, 0xF1F)).nextInt(left.size())));
    }
}
