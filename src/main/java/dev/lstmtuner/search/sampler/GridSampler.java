package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.CategoricalParam;
import dev.lstmtuner.search.space.FloatParam;
import dev.lstmtuner.search.space.IntParam;
import dev.lstmtuner.search.space.Param;
import dev.lstmtuner.search.space.SearchSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every grid point once, in Arbiter's sequential grid order: floats get {@code pointsPerFloat} values (log-spaced for
 * log floats), step-1 ints up to that many (evenly spread), stepped ints and categoricals all values. Arbiter's grid
 * runs over every coordinate, so points that differ only in absent parameters (units_4 when layers = 2) decode to the
 * same trial; those are merged here. A trial takes the first point no other trial (finished, running or waiting) has.
 * Points are numbered as Arbiter's {@link GridSearchCandidateGenerator} numbers them (first coordinate fastest, a
 * coordinate with n values at index / (n - 1)), but computed here: its getCandidate() Java-serializes every candidate
 * (about 0.3 ms each: 45 s for the tutorial grid), and its indexToValues leaves out single-valued coordinates, which
 * shifts every later one (a conditional categorical with one value crashed the decoding).
 */
public final class GridSampler implements Sampler {
    private static final long MAX_RAW_POINTS = 5_000_000;
    private static final Map<SearchSpace, Map<Integer, List<Map<String, Object>>>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final int pointsPerFloat;

    public GridSampler(int pointsPerFloat) {
        if (pointsPerFloat < 1) throw new BadInputException("grid sampler: points must be at least 1, got " + pointsPerFloat);
        this.pointsPerFloat = pointsPerFloat;
    }

    @Override
    public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber) {
        Set<Map<String, Object>> taken = Points.taken(past);
        for (Map<String, Object> p : points(space)) {
            if (!taken.contains(Points.key(p))) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** All distinct grid points in a fixed order. */
    public List<Map<String, Object>> points(SearchSpace space) {
        return CACHE.computeIfAbsent(space, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(pointsPerFloat, n -> enumerate(space));
    }

    private List<Map<String, Object>> enumerate(SearchSpace space) {
        int[] counts = new int[space.dimensions()];
        long raw = 1;
        for (int k = 0; k < counts.length; k++) {
            counts[k] = valuesPerCoordinate(space.params().get(k));
            raw *= counts[k];
            if (raw > MAX_RAW_POINTS) {
                throw new BadInputException(space.source() + ": the grid has more than " + MAX_RAW_POINTS
                        + " points; lower the grid sampler's points, narrow the space or use the random or tpe sampler");
            }
        }
        Map<Map<String, Object>, Map<String, Object>> distinct = new LinkedHashMap<>();
        for (int i = 0; i < raw; i++) {
            Map<String, Object> p = space.decode(coordinates(counts, i));
            distinct.putIfAbsent(Points.key(p), p);
        }
        return Collections.unmodifiableList(new ArrayList<>(distinct.values()));
    }

    /** Grid point {@code index} in the unit cube: one value index per coordinate, the first varying fastest. */
    static double[] coordinates(int[] counts, long index) {
        double[] u = new double[counts.length];
        long rest = index;
        for (int k = 0; k < counts.length; k++) {
            long v = rest % counts[k];
            rest /= counts[k];
            u[k] = counts[k] <= 1 ? 0.0 : v / (double) (counts[k] - 1);
        }
        return u;
    }

    /** As Arbiter's grid generator counts them. */
    private int valuesPerCoordinate(Param p) {
        if (p instanceof FloatParam) return pointsPerFloat;
        if (p instanceof IntParam i) return i.step() == 1 ? Math.min(i.values().size(), pointsPerFloat) : i.values().size();
        return ((CategoricalParam) p).values().size();
    }

    @Override
    public String name() {
        return "grid";
    }
}
