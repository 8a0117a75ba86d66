package dev.lstmtuner.search;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        all.sort(java.util.Comparator.comparingInt(Trial::number));
        return all;
    }

    /** The trials with their curves of {@code metric} (val_rmse or val_loss), for samplers and pruners. */
    public static List<PastTrial> of(Store store, List<Trial> trials, String metric) {
        Map<Long, List<EpochMetrics>> curves = store.epochs(trials.stream().map(Trial::id).toList());
        List<PastTrial> past = new ArrayList<>(trials.size());
        for (Trial t : trials) {
            List<EpochMetrics> c = curves.getOrDefault(t.id(), List.of());
            double[] values = new double[c.size()];
            for (int i = 0; i < values.length; i++) values[i] = value(c.get(i), metric);
            past.add(new PastTrial(t.number(), t.params(), t.state(), t.objective(), values));
        }
        return past;
    }

    public static double value(EpochMetrics m, String metric) {
        return switch (metric) {
            case "val_loss" -> m.valLoss();
            case "train_loss" -> m.trainLoss();
            default -> m.valRmse();
        };
    }
}
