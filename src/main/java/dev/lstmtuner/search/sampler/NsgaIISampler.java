package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;
import dev.lstmtuner.stats.NonDominatedSort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * NSGA-II (Deb et al. 2002) over several objectives, as Optuna's NSGAIISampler runs it: a random first population,
 * then each child bred from two parents picked by binary tournament (lower front first, then the larger crowding
 * distance), uniform crossover (with {@code crossover_prob}, each gene swapped with {@code swapping_prob}) and
 * mutation (each gene redrawn with {@code mutation_prob}, by default 1 / the number of params). Optuna keeps
 * generations in the study's system attributes; to stay a pure function of (space, past trials, seed, number) this
 * one is steady-state: the parents are the elite of every COMPLETE trial so far, the best {@code population} by
 * front, then by crowding distance within the front that overflows (ties by trial number), recomputed each call.
 */
public final class NsgaIISampler implements Sampler {
    private static final int ATTEMPTS = 10;

    private final int population;
    private final Double mutationProb;
    private final double crossoverProb;
    private final double swappingProb;
    private final List<Direction> directions;

    /** @param mutationProb null: 1 / the space's dimensions */
    public NsgaIISampler(int population, Double mutationProb, double crossoverProb, double swappingProb,
                         List<Direction> directions) {
        if (population < 2) throw new BadInputException("nsga2 sampler: population must be at least 2, got " + population);
        if (mutationProb != null && !(mutationProb >= 0 && mutationProb <= 1)) {
            throw new BadInputException("nsga2 sampler: mutation_prob must be in [0, 1], got " + mutationProb);
        }
        if (!(crossoverProb >= 0 && crossoverProb <= 1)) {
            throw new BadInputException("nsga2 sampler: crossover_prob must be in [0, 1], got " + crossoverProb);
        }
        if (!(swappingProb >= 0 && swappingProb <= 1)) {
            throw new BadInputException("nsga2 sampler: swapping_prob must be in [0, 1], got " + swappingProb);
        }
        this.population = population;
        this.mutationProb = mutationProb;
        this.crossoverProb = crossoverProb;
        this.swappingProb = swappingProb;
        this.directions = List.copyOf(directions);
    }

    @Override
    public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber) {
        List<PastTrial> complete = past.stream()
                .filter(t -> t.isComplete() && t.values().length == directions.size())
                .sorted(Comparator.comparingInt(PastTrial::number)).toList();
        if (complete.size() < population) return new RandomSampler().sample(space, past, seed, trialNumber);
        List<Parent> parents = elite(complete);
        var taken = Points.taken(past);
        int d = space.dimensions();
        double mutation = mutationProb != null ? mutationProb : 1.0 / Math.max(1, d);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, trialNumber, attempt, 0x5A2));
            Parent a = tournament(parents, rng);
            Parent b = tournament(parents, rng);
            double[] x = space.encode(a.trial().params());
            double[] y = space.encode(b.trial().params());
            double[] child = x.clone();
            if (rng.nextDouble() < crossoverProb) {
                for (int i = 0; i < d; i++) if (rng.nextDouble() < swappingProb) child[i] = y[i];
            }
            for (int i = 0; i < d; i++) if (rng.nextDouble() < mutation) child[i] = rng.nextDouble();
            Map<String, Object> params = space.decode(child);
            if (!taken.contains(Points.key(params))) return Optional.of(params);
        }
        // every child decoded to a point some trial has (a small discrete space)
        return Points.untaken(space, taken, seed, trialNumber);
    }

    /** A parent with its front (0 = non-dominated) and crowding distance within that front. */
    record Parent(PastTrial trial, int rank, double crowding) {
        boolean beats(Parent o) {
            if (rank != o.rank) return rank < o.rank;
            if (crowding != o.crowding) return crowding > o.crowding;
            return trial.number() < o.trial.number();
        }
    }

    /** The best {@code population} trials: whole fronts in order, the one that overflows by crowding distance. */
    List<Parent> elite(List<PastTrial> complete) {
        double[][] losses = losses(complete);
        int[] rank = NonDominatedSort.ranks(losses);
        List<Parent> out = new ArrayList<>();
        for (int r = 0; out.size() < population; r++) {
            List<Integer> front = new ArrayList<>();
            for (int i = 0; i < rank.length; i++) if (rank[i] == r) front.add(i);
            double[] crowd = NonDominatedSort.crowding(losses, front);
            List<Parent> members = new ArrayList<>();
            for (int i : front) members.add(new Parent(complete.get(i), r, crowd[i]));
            members.sort((p, q) -> p.beats(q) ? -1 : q.beats(p) ? 1 : 0);
            for (Parent p : members) if (out.size() < population) out.add(p);
        }
        return out;
    }

    private double[][] losses(List<PastTrial> trials) {
        double[][] l = new double[trials.size()][];
        for (int i = 0; i < trials.size(); i++) l[i] = Direction.asLosses(directions, trials.get(i).values());
        return l;
    }

    /** Binary tournament: of two parents drawn at random (distinct where there are two), the better. */
    static Parent tournament(List<Parent> parents, SplittableRandom rng) {
        int i = rng.nextInt(parents.size());
        int j = parents.size() < 2 ? i : (i + 1 + rng.nextInt(parents.size() - 1)) % parents.size();
        Parent a = parents.get(i);
        Parent b = parents.get(j);
        return b.beats(a) ? b : a;
    }

    @Override
    public String name() {
        return "nsga2";
    }
}
