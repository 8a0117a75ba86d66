package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.CategoricalParam;
import dev.lstmtuner.search.space.FloatParam;
import dev.lstmtuner.search.space.IntParam;
import dev.lstmtuner.search.space.Param;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate. Every trial informs it, as in Optuna: COMPLETE
 * trials ranked by objective, then PRUNED ones by the epoch they reached (later is better) and their value there;
 * the best ceil(gamma * n) of these n observed trials are "below", the rest "above", and FAILED trials plus pending
 * ones (WAITING, RUNNING: Optuna's constant liar) join "above", so a region the pruner kills or that crashes stops
 * being proposed and parallel workers are not handed the same region. For each parameter, in dependency order,
 * densities l(x) and g(x) are fitted to its values in the trials where it exists (conditional parameters such as
 * units_3 learn only from trials with 3+ layers), {@code candidates} values are drawn from l and the one with the
 * largest l(x) / g(x) kept. Log floats are modelled in log space, ints as reals rounded to their step, categoricals
 * by counts + 1 over the values allowed at that point (max_of).
 * Until {@code startupTrials} trials are observed (COMPLETE or PRUNED) points are random; with {@code cheapStartup}
 * k > 1 each startup point is the cheapest (by {@link CostModel}) of k untaken random draws, so the first minutes
 * are not spent on the most expensive corner of the space. A proposal equal to a taken point is proposed again
 * with a fresh seed, then replaced by an untaken random point; an exhausted finite space gives empty.
 * <p>
 * With {@code costAware} (opt-in), after the startup the acquisition is the promise per predicted second: each of
 * {@code candidates} joint points is drawn from l (one draw per parameter) and scored by its summed log l(x) / g(x)
 * less the log of its predicted epoch cost ({@link EpochCosts}, learned from the measured epoch times of the
 * campaign's trials); the best-scoring point is proposed.
 */
public final class TpeSampler implements Sampler {
    private static final int ATTEMPTS = 10;

    private final int startupTrials;
    private final double gamma;
    private final int candidates;
    private final int cheapStartup;
    private final boolean costAware;
    private final Direction direction;

    public TpeSampler(int startupTrials, double gamma, int candidates, Direction direction) {
        this(startupTrials, gamma, candidates, 1, direction);
    }

    public TpeSampler(int startupTrials, double gamma, int candidates, int cheapStartup, Direction direction) {
        this(startupTrials, gamma, candidates, cheapStartup, false, direction);
    }

    public TpeSampler(int startupTrials, double gamma, int candidates, int cheapStartup, boolean costAware,
                      Direction direction) {
        if (startupTrials < 1) throw new BadInputException("tpe sampler: n_startup must be at least 1, got " + startupTrials);
        if (!(gamma > 0 && gamma < 1)) throw new BadInputException("tpe sampler: gamma must be in (0, 1), got " + gamma);
        if (candidates < 1) throw new BadInputException("tpe sampler: candidates must be at least 1, got " + candidates);
        if (cheapStartup < 1) {
            throw new BadInputException("tpe sampler: cheap_startup must be at least 1 (1 = plain random startup), got " + cheapStartup);
        }
        this.startupTrials = startupTrials;
        this.gamma = gamma;
        this.candidates = candidates;
        this.cheapStartup = cheapStartup;
        this.costAware = costAware;
        this.direction = direction;
    }

    @Override
    public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber) {
        Set<Map<String, Object>> taken = Points.taken(past);
        List<PastTrial> observed = ranked(past);
        if (observed.size() < startupTrials) return startup(space, taken, seed, trialNumber);
        int nBelow = Math.max(1, (int) Math.ceil(gamma * observed.size()));
        List<PastTrial> below = observed.subList(0, nBelow);
        List<PastTrial> above = new ArrayList<>(observed.subList(nBelow, observed.size()));
        for (PastTrial t : past) if (isBad(t) || t.isPending()) above.add(t);
        double slope = costAware ? EpochCosts.slope(space, past) : 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, trialNumber, attempt, 0x7BE));
            Map<String, Object> point = costAware ? perSecond(space, below, above, rng, slope)
                    : propose(space, below, above, rng);
            if (!taken.contains(Points.key(point))) return Optional.of(point);
        }
        return Points.untaken(space, taken, seed, trialNumber);
    }

    /** COMPLETE trials best first, then PRUNED ones: more epochs first, then by their value at the last epoch. */
    List<PastTrial> ranked(List<PastTrial> past) {
        Comparator<PastTrial> complete = Comparator.comparingDouble((PastTrial t) -> direction.asLoss(t.objective()));
        Comparator<PastTrial> pruned = Comparator.comparingInt((PastTrial t) -> -t.epochsReported())
                .thenComparingDouble(this::lossAtLastEpoch);
        List<PastTrial> out = new ArrayList<>(past.stream().filter(PastTrial::isComplete)
                .sorted(complete.thenComparingInt(PastTrial::number)).toList());
        out.addAll(past.stream().filter(t -> t.state() == TrialState.PRUNED)
                .sorted(pruned.thenComparingInt(PastTrial::number)).toList());
        return out;
    }

    /** FAILED, or COMPLETE without a usable objective (NaN). */
    private static boolean isBad(PastTrial t) {
        return t.state() == TrialState.FAILED || (t.state() == TrialState.COMPLETE && !t.isComplete());
    }

    private double lossAtLastEpoch(PastTrial t) {
        if (t.epochsReported() == 0) return Double.POSITIVE_INFINITY;
        double v = direction.asLoss(t.valueAt(t.epochsReported()));
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private Optional<Map<String, Object>> startup(SearchSpace space, Set<Map<String, Object>> taken, long seed,
                                                  int trialNumber) {
        Map<String, Object> cheapest = null;
        double cheapestCost = Double.POSITIVE_INFINITY;
        // this call's draws on top of the campaign's points, without copying those
        Set<Map<String, Object>> drawn = new HashSet<>();
        Set<Map<String, Object>> seen = Points.union(taken, drawn);
        for (int k = 0; k < cheapStartup; k++) {
            // the first draw is the plain random sampler's, so cheap_startup 1 is random startup
            long drawSeed = k == 0 ? seed : Seeds.mix(seed, 0xC0DE, k);
            Optional<Map<String, Object>> p = Points.untaken(space, seen, drawSeed, trialNumber);
            if (p.isEmpty()) break;
            drawn.add(Points.key(p.get()));
            double cost = CostModel.epochCost(space.toConfigOverrides(p.get()));
            if (cost < cheapestCost) {
                cheapestCost = cost;
                cheapest = p.get();
            }
        }
        return Optional.ofNullable(cheapest);
    }

    /** Each parameter, in dependency order, the best of {@code candidates} draws from l by its own l(x) / g(x). */
    private Map<String, Object> propose(SearchSpace space, List<PastTrial> below, List<PastTrial> above,
                                        SplittableRandom rng) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : space.params()) {
            if (!space.isActive(p, out)) continue;
            ParamModel m = model(space, p, out, below, above);
            Scored best = null;
            for (int k = 0; k < candidates; k++) {
                Scored c = m.draw(rng);
                if (best == null || c.score() > best.score()) best = c;
            }
            out.put(p.name(), best.value());
        }
        return out;
    }

    /**
     * The best of {@code candidates} joint points drawn from l by summed log l(x) / g(x) less {@code slope} times
     * the log static epoch cost: the promise per predicted second.
     */
    private Map<String, Object> perSecond(SearchSpace space, List<PastTrial> below, List<PastTrial> above,
                                          SplittableRandom rng, double slope) {
        Map<String, ParamModel> numeric = new HashMap<>(); // a numeric model does not depend on the point
        Map<String, Object> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < candidates; k++) {
            Map<String, Object> point = new LinkedHashMap<>();
            double score = 0;
            for (Param p : space.params()) {
                if (!space.isActive(p, point)) continue;
                ParamModel m = p instanceof CategoricalParam ? model(space, p, point, below, above)
                        : numeric.computeIfAbsent(p.name(), n -> model(space, p, point, below, above));
                Scored c = m.draw(rng);
                point.put(p.name(), c.value());
                score += c.score();
            }
            score -= EpochCosts.logCost(space, point, slope);
            if (score > bestScore) {
                bestScore = score;
                best = point;
            }
        }
        return best;
    }

    /** A drawn value and its log l(x) - log g(x). */
    private record Scored(Object value, double score) {
    }

    /** One parameter's l and g where the proposal stands: draws from l, scored by log l - log g. */
    private interface ParamModel {
        Scored draw(SplittableRandom rng);
    }

    private ParamModel model(SearchSpace space, Param p, Map<String, Object> at, List<PastTrial> below,
                             List<PastTrial> above) {
        if (p instanceof CategoricalParam c) {
            List<Object> allowed = space.allowedValues(c, at);
            double[] l = counts(c, allowed, below);
            double[] g = counts(c, allowed, above);
            double lSum = sum(l), gSum = sum(g);
            return rng -> {
                int j = draw(l, lSum, rng);
                return new Scored(allowed.get(j), Math.log(l[j] / lSum) - Math.log(g[j] / gSum));
            };
        }
        if (p instanceof FloatParam f) {
            ParzenEstimator l = new ParzenEstimator(internals(f, below), f.internal(f.low()), f.internal(f.high()));
            ParzenEstimator g = new ParzenEstimator(internals(f, above), f.internal(f.low()), f.internal(f.high()));
            return rng -> {
                double x = l.sample(rng);
                return new Scored(f.external(x), l.logDensity(x) - g.logDensity(x));
            };
        }
        IntParam i = (IntParam) p;
        double half = i.step() / 2.0;
        ParzenEstimator l = new ParzenEstimator(numbers(i, below), i.low() - half, i.high() + half);
        ParzenEstimator g = new ParzenEstimator(numbers(i, above), i.low() - half, i.high() + half);
        return rng -> {
            double x = l.sample(rng);
            return new Scored(i.snap(x), l.logDensity(x) - g.logDensity(x));
        };
    }

    /** Counts + 1 (Laplace smoothing, i.e. a uniform prior) over the allowed values. */
    private static double[] counts(CategoricalParam c, List<Object> allowed, List<PastTrial> trials) {
        double[] w = new double[allowed.size()];
        Arrays.fill(w, 1.0);
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
