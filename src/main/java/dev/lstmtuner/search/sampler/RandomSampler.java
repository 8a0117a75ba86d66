package dev.lstmtuner.search.sampler;

import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uniform draws (log-uniform for log floats) by Arbiter's random generator, seeded afresh by (seed, trial number), so
 * trial k's params never depend on how many trials came before. A draw equal to an existing trial's point is drawn
 * again; in a finite space, after a few draws, the point is picked among the untaken ones, and when none is left the
 * sampler is done.
 */
public final class RandomSampler implements Sampler {
    @Override
    public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber) {
        return Points.untaken(space, Points.taken(past), seed, trialNumber);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> draw(SearchSpace space, long rngSeed) {
        RandomSearchGenerator generator = new RandomSearchGenerator(space.asArbiterSpace(), null);
        generator.setRngSeed(rngSeed);
        return (Map<String, Object>) generator.getCandidate().getValue();
    }

    @Override
    public String name() {
        return "random";
    }
}
