package dev.lstmtuner.search.sampler;

import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the params of the next trial. A pure function of its arguments: the same space, past trials, seed and trial
 * number give the same params, so a campaign can be resumed or replayed. {@code past} holds every other trial of the
 * campaign in any state; pending ones (WAITING, RUNNING) are points already handed out.
 */
public interface Sampler {
    /** The params (search-space names) for trial {@code trialNumber}, or empty when nothing is left (a finished grid). */
    Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int trialNumber);

    String name();
}
