package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Direction;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A steady-state genetic search over the unit cube of the space: the population is the best {@code populationSize}
 * COMPLETE trials; a child takes each coordinate from one of two tournament-selected parents (uniform crossover) and
 * redraws each with probability {@code mutationRate}. Until the population is full, trials are random.
 * Not Arbiter's GeneticSearchCandidateGenerator: that keeps its population inside the generator object, fed by
 * reportResults, while this one must be rebuilt from past trials on every call.
 */
public final class GeneticSampler implements Sampler {
    private static final int ATTEMPTS = 20;

    private final int populationSize;
    private final double mutationRate;
    private final int tournamentSize;
    private final Direction direction;

    public GeneticSampler(int populationSize, double mutationRate, int tournamentSize, Direction direction) {
        if (populationSize < 2) throw new BadInputException("genetic sampler: population must be at least 2, got " + populationSize);
        if (!(mutationRate >= 0 && mutationRate <= 1)) {
            throw new BadInputException("genetic sampler: mutation_rate must be in [0, 1], got " + mutationRate);
        }
        if (tournamentSize < 1) throw new BadInputException("genetic sampler: tournament must be at least 1, got " + tournamentSize);
        this.populationSize = populationSize;
        this.mutationRate = mutationRate;
        this.tournamentSize = tournamentSize;
        this.direction = direction;
    }

    @Override
    public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber) {
        List<PastTrial> population = past.stream().filter(PastTrial::isComplete)
                .sorted(Comparator.comparingDouble((PastTrial t) -> direction.asLoss(t.objective()))
                        .thenComparingInt(PastTrial::number))
                .limit(populationSize).toList();
        if (population.size() < populationSize) return new RandomSampler().sample(space, past, seed, trialNumber);
        var taken = Points.taken(past);
        Map<String, Object> child = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, trialNumber, attempt, 0x6E6));
            double[] a = space.encode(tournament(population, rng).params());
            double[] b = space.encode(tournament(population, rng).params());
            double[] u = new double[a.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = rng.nextBoolean() ? a[i] : b[i];
                if (rng.nextDouble() < mutationRate) u[i] = rng.nextDouble();
            }
            child = space.decode(u);
            if (!taken.contains(Points.key(child))) break;
        }
        return Optional.of(child);
    }

    /** Population is sorted best first, so the lowest index drawn wins. */
    private PastTrial tournament(List<PastTrial> population, SplittableRandom rng) {
        int best = population.size();
        for (int i = 0; i < tournamentSize; i++) best = Math.min(best, rng.nextInt(population.size()));
        return population.get(best);
    }

    @Override
    public String name() {
        return "genetic";
    }
}
