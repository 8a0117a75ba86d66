package dev.lstmtuner.search.sampler;

import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Uniform draws (log-uniform for log floats) by Arbiter's random generator, seeded afresh by (seed, trial number), so
 * trial k's params never depend on how many trials came before. A draw equal to an existing trial's point is drawn
 * again (a few times; small discrete spaces may still repeat).
 */
public final class RandomSampler implements Sampler {
    private static final int ATTEMPTS = 20;

    @Override
    public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber) {
        Set<Map<String, Object>> taken = Points.taken(past);
        Map<String, Object> p = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            p = draw(space, Seeds.mix(seed, trialNumber, attempt));
            if (!taken.contains(Points.key(p))) break;
        }
        return Optional.of(p);
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
