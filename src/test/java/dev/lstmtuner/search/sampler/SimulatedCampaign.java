package dev.lstmtuner.search.sampler;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.function.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A sequential campaign with no training: each trial's curve comes from a function of its params (NaN = the trial
 * fails), the pruner is asked after every epoch as the executor asks it, and the sampler sees the past through
 * {@code view} (identity = what the coordinator hands it).
 */
final class SimulatedCampaign {
    record Result(List<PastTrial> trials) {
        long count(Predicate<PastTrial> p) {
            return trials.stream().filter(p).count();
        }
    }

    private SimulatedCampaign() {
    }

    static Result run(Sampler sampler, Pruner pruner, SearchSpace space, Function<Map<String, Object>, double[]> curve,
                      int trials, long seed, UnaryOperator<List<PastTrial>> view) {
        List<PastTrial> past = new ArrayList<>();
        for (int number = 1; number <= trials; number++) {
            Map<String, Object> p = sampler.sample(space, view.apply(List.copyOf(past)), seed, number).orElseThrow();
            double[] full = curve.apply(p);
            List<Double> seen = new ArrayList<>();
            TrialState state = TrialState.COMPLETE;
            for (int e = 0; e < full.length; e++) {
                if (Double.isNaN(full[e])) {
                    state = TrialState.FAILED;
                    break;
                }
                seen.add(full[e]);
                double[] soFar = seen.stream().mapToDouble(Double::doubleValue).toArray();
                // as the executor: the last epoch is never pruned
                if (e < full.length - 1 && pruner.shouldPrune(number, soFar, past, Direction.MINIMIZE).prune()) {
                    state = TrialState.PRUNED;
                    break;
                }
            }
            double[] values = seen.stream().mapToDouble(Double::doubleValue).toArray();
            Double objective = state == TrialState.COMPLETE ? seen.stream().mapToDouble(Double::doubleValue).min().orElseThrow() : null;
            past.add(new PastTrial(number, p, state, objective, values));
        }
        return new Result(past);
    }
}
