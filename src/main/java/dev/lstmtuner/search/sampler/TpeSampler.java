package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Direction;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.CategoricalParam;
import dev.lstmtuner.search.space.FloatParam;
import dev.lstmtuner.search.space.IntParam;
import dev.lstmtuner.search.space.Param;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate. COMPLETE trials are split into the best
 * ceil(gamma * n) ("below") and the rest; for each parameter, in dependency order, densities l(x) and g(x) are fitted
 * to its values in the trials where it exists (so conditional parameters such as units_3 learn only from trials
 * with 3+ layers), {@code candidates} values are drawn from l and the one with the largest l(x) / g(x) kept. Log
 * floats are modelled in log space, ints as reals rounded to their step, categoricals by counts + 1 over the
 * values allowed at that point (max_of). The first {@code startupTrials} trials are random.
 * Pending trials are left out of the densities (their objective is unknown); a draw equal to an existing trial's
 * point, pending or finished, is drawn again with a fresh seed.
 */
public final class TpeSampler implements Sampler {
    private static final int ATTEMPTS = 10;

    private final int startupTrials;
    private final double gamma;
    private final int candidates;
    private final Direction direction;

    public TpeSampler(int startupTrials, double gamma, int candidates, Direction direction) {
        if (startupTrials < 1) throw new BadInputException("tpe sampler: n_startup must be at least 1, got " + startupTrials);
        if (!(gamma > 0 && gamma < 1)) throw new BadInputException("tpe sampler: gamma must be in (0, 1), got " + gamma);
        if (candidates < 1) throw new BadInputException("tpe sampler: candidates must be at least 1, got " + candidates);
        this.startupTrials = startupTrials;
        this.gamma = gamma;
        this.candidates = candidates;
        this.direction = direction;
    }

    @Override
    public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber) {
        List<PastTrial> complete = past.stream().filter(PastTrial::isComplete)
                .sorted(Comparator.comparingDouble((PastTrial t) -> direction.asLoss(t.objective()))
                        .thenComparingInt(PastTrial::number))
                .toList();
        if (complete.size() < startupTrials) return new RandomSampler().sample(space, past, seed, trialNumber);
        int nBelow = Math.max(1, (int) Math.ceil(gamma * complete.size()));
        List<PastTrial> below = complete.subList(0, nBelow);
        List<PastTrial> above = complete.subList(nBelow, complete.size());
        Set<Map<String, Object>> taken = Points.taken(past);
        Map<String, Object> point = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            point = propose(space, below, above, new SplittableRandom(Seeds.mix(seed, trialNumber, attempt, 0x7BE)));
            if (!taken.contains(Points.key(point))) break;
        }
        return Optional.of(point);
    }

    private Map<String, Object> propose(SearchSpace space, List<PastTrial> below, List<PastTrial> above,
                                        SplittableRandom rng) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : space.params()) {
            if (!space.isActive(p, out)) continue;
            if (p instanceof CategoricalParam c) {
                out.put(p.name(), categorical(c, space.allowedValues(c, out), below, above, rng));
            } else if (p instanceof FloatParam f) {
                double x = numeric(f.internal(f.low()), f.internal(f.high()),
                        internals(f, below), internals(f, above), rng);
                out.put(p.name(), f.external(x));
            } else {
                IntParam i = (IntParam) p;
                double half = i.step() / 2.0;
                double x = numeric(i.low() - half, i.high() + half, numbers(i, below), numbers(i, above), rng);
                out.put(p.name(), i.snap(x));
            }
        }
        return out;
    }

    private double numeric(double low, double high, double[] belowObs, double[] aboveObs, SplittableRandom rng) {
        ParzenEstimator l = new ParzenEstimator(belowObs, low, high);
        ParzenEstimator g = new ParzenEstimator(aboveObs, low, high);
        double best = Double.NaN, bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < candidates; k++) {
            double x = l.sample(rng);
            double score = l.logDensity(x) - g.logDensity(x);
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private Object categorical(CategoricalParam c, List<Object> allowed, List<PastTrial> below, List<PastTrial> above,
                               SplittableRandom rng) {
        double[] l = counts(c, allowed, below);
        double[] g = counts(c, allowed, above);
        double lSum = sum(l), gSum = sum(g);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < candidates; k++) {
            int j = draw(l, lSum, rng);
            double score = Math.log(l[j] / lSum) - Math.log(g[j] / gSum);
            if (score > bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return allowed.get(best);
    }

    /** Counts + 1 (Laplace smoothing, i.e. a uniform prior) over the allowed values. */
    private static double[] counts(CategoricalParam c, List<Object> allowed, List<PastTrial> trials) {
        double[] w = new double[allowed.size()];
        java.util.Arrays.fill(w, 1.0);
        for (PastTrial t : trials) {
            Object v = t.params().get(c.name());
            if (v == null && !t.params().containsKey(c.name())) continue;
            for (int j = 0; j < allowed.size(); j++) {
                if (c.indexOf(allowed.get(j)) == c.indexOf(v)) w[j] += 1;
            }
        }
        return w;
    }

    private static int draw(double[] w, double total, SplittableRandom rng) {
        double r = rng.nextDouble() * total;
        for (int j = 0; j < w.length; j++) {
            r -= w[j];
            if (r < 0) return j;
        }
        return w.length - 1;
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double x : w) s += x;
        return s;
    }

    private static double[] internals(FloatParam f, List<PastTrial> trials) {
        List<Double> xs = new ArrayList<>();
        for (PastTrial t : trials) {
            if (t.params().get(f.name()) instanceof Number n) {
                double v = n.doubleValue();
                if (v >= f.low() && v <= f.high()) xs.add(f.internal(v));
            }
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] numbers(IntParam p, List<PastTrial> trials) {
        return trials.stream().map(t -> t.params().get(p.name())).filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    @Override
    public String name() {
        return "tpe";
    }
}
