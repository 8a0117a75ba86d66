package dev.lstmtuner.search;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a campaign's trials from the store as the samplers and pruners see them. */
public final class PastTrials {
    private static final int PAGE = 5000;

    private PastTrials() {
    }

    /** Every trial of the campaign, in trial-number order. */
    public static List<Trial> all(Store store, String campaign) {
        List<Trial> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            Page<Trial> page = store.trials(TrialQuery.of(campaign).sortBy("number").descending(false).page(PAGE, offset));
            all.addAll(page.items());
            if (page.items().size() < PAGE) break;
        }
        all.sort(Comparator.comparingInt(Trial::number));
        return all;
    }

    /** The epoch's value of the campaign's objective: one point of the curve samplers and pruners compare. */
    public static double value(EpochMetrics m, Objective objective) {
        return objective.ofEpoch(m);
    }
}
