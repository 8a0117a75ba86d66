package dev.lstmtuner.search.pruner;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.PastTrial;

import java.util.List;

/** Never prunes: every trial runs until max_epochs or its own early stopping. */
public final class NoPruner implements Pruner {
    @Override
    public Decision shouldPrune(int trialNumber, double[] curve, double[] fidelity, List<PastTrial> others,
                                Direction direction) {
        return Decision.CONTINUE;
    }

    @Override
    public String name() {
        return "none";
    }
}
