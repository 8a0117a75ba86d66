package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;

import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.random.RandomGenerator;
import org.deeplearning4j.arbiter.optimize.generator.genetic.ChromosomeFactory;
import org.deeplearning4j.arbiter.optimize.generator.genetic.Chromosome;
import org.deeplearning4j.arbiter.optimize.generator.genetic.crossover.UniformCrossover;
import org.deeplearning4j.arbiter.optimize.generator.genetic.crossover.parentselection.RandomTwoParentSelection;
import org.deeplearning4j.arbiter.optimize.generator.genetic.exceptions.GeneticGenerationException;
import org.deeplearning4j.arbiter.optimize.generator.genetic.mutation.RandomMutationOperator;
import org.deeplearning4j.arbiter.optimize.generator.genetic.population.PopulationModel;
import org.deeplearning4j.arbiter.optimize.generator.genetic.selection.GeneticSelectionOperator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Genetic search with Arbiter's operators (population model with least-fit culling, random two-parent selection,
 * uniform crossover, random mutation) over the unit cube of the space. Arbiter's GeneticSearchCandidateGenerator keeps
 * its population inside one long-lived object fed by reportResults; here the population model is rebuilt on every
 * call by adding the COMPLETE trials in trial order, and the operators share one RNG seeded by (seed, trial number),
 * so the sampler stays a pure function of its arguments. Until Arbiter's population is ready to breed, trials are random.
 */
public final class GeneticSampler implements Sampler {
    private static final int ATTEMPTS = 10;

    private final int populationSize;
    private final double mutationRate;
    private final double crossoverRate;
    private final Direction direction;

    public GeneticSampler(int populationSize, double mutationRate, double crossoverRate, Direction direction) {
        if (populationSize < 3) throw new BadInputException("genetic sampler: population must be at least 3, got " + populationSize);
        if (!(mutationRate >= 0 && mutationRate <= 1)) {
            throw new BadInputException("genetic sampler: mutation_rate must be in [0, 1], got " + mutationRate);
        }
        if (!(crossoverRate >= 0 && crossoverRate <= 1)) {
            throw new BadInputException("genetic sampler: crossover_rate must be in [0, 1], got " + crossoverRate);
        }
        this.populationSize = populationSize;
        this.mutationRate = mutationRate;
        this.crossoverRate = crossoverRate;
        this.direction = direction;
    }

    @Override
    public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber) {
        PopulationModel population = new PopulationModel.Builder().populationSize(populationSize).build();
        population.initializeInstance(true); // fitness is the loss (direction applied), so smaller is fitter
        past.stream().filter(PastTrial::isComplete).sorted(Comparator.comparingInt(PastTrial::number))
                .forEach(t -> population.add(new Chromosome(space.encode(t.params()), direction.asLoss(t.objective()))));
        if (!population.isReadyToBreed()) return new RandomSampler().sample(space, past, seed, trialNumber);
        var taken = Points.taken(past);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double[] genes = breed(population, space.dimensions(), Seeds.mix(seed, trialNumber, attempt, 0x6E6));
            if (genes == null) break;
            Map<String, Object> child = space.decode(genes);
            if (!taken.contains(Points.key(child))) return Optional.of(child);
        }
        // Arbiter found no new genes, or they all decode to existing trials (small discrete spaces)
        return Points.untaken(space, taken, seed, trialNumber);
    }

    private double[] breed(PopulationModel population, int dimensions, long rngSeed) {
        RandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(rngSeed);
        ChromosomeFactory factory = new ChromosomeFactory();
        factory.initializeInstance(dimensions);
        GeneticSelectionOperator selection = new GeneticSelectionOperator.Builder()
                .crossoverOperator(new UniformCrossover.Builder().crossoverRate(crossoverRate).randomGenerator(rng)
                        .parentSelection(new RandomTwoParentSelection(rng)).build())
                .mutationOperator(new RandomMutationOperator.Builder().mutationRate(mutationRate).randomGenerator(rng).build())
                .randomGenerator(rng)
                .build();
        selection.initializeInstance(population, factory);
        try {
            return selection.buildNextGenes();
        } catch (GeneticGenerationException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "genetic";
    }
}
