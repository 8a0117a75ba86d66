package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.EpochMetrics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every diagnosis of one trial, computed once here and only rendered by the views. {@code curve} says whether the
 * trial has a learning curve to draw (false for the families fitted without epochs, and for a trial with no epoch
 * recorded yet); {@code bestEpoch} is the epoch with the lowest validation loss (null without a curve);
 * {@code items} are the findings, in rule order: overfitting (or "not enough epochs to judge"), underfitting,
 * unstable, too slow, then learned nothing. A trial that is not finished gets none; a baseline gets only the
 * forecast one.
 */
public record Diagnoses(boolean curve, Integer bestEpoch, List<Diagnosis> items) {

    public Diagnoses {
        items = List.copyOf(items);
    }

    /** {@code forecasts} is null when the trial has no readable test forecasts. */
    public static Diagnoses of(TrainingSetup setup, List<EpochMetrics> epochs, Forecasts forecasts) {
        boolean curve = setup.hasEpochs() && !epochs.isEmpty();
        Curve c = curve ? Curve.of(epochs) : null;
        Integer best = c == null || c.best() < 0 ? null : c.epoch()[c.best()];
        List<Diagnosis> items = new ArrayList<>();
        if (setup.finished()) {
            if (c != null && !c.finite()) {
                UnstableRule.judge(c).ifPresent(items::add);
            } else if (c != null) {
                OverfittingRule.judge(c).ifPresent(items::add);
                UnderfittingRule.judge(c).ifPresent(items::add);
                UnstableRule.judge(c).ifPresent(items::add);
                TooSlowRule.judge(c, setup).ifPresent(items::add);
            }
            if (forecasts != null) LearnedNothingRule.judge(forecasts).ifPresent(items::add);
        }
        return new Diagnoses(curve, best, items);
    }

    /** The kinds found, for filters. */
    public Set<DiagnosisKind> kinds() {
        Set<DiagnosisKind> out = EnumSet.noneOf(DiagnosisKind.class);
        items.forEach(d -> out.add(d.kind()));
        return out;
    }

    /** The finding of {@code kind}, or null. */
    public Diagnosis find(DiagnosisKind kind) {
        return items.stream().filter(d -> d.kind() == kind).findFirst().orElse(null);
    }
}
