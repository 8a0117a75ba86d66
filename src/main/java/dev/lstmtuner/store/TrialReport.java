package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochMetrics;

import java.util.List;

/** Everything stored about one trial, for {@code show} and exports. {@code provenance} is null if never recorded. */
public record TrialReport(Trial trial, List<EpochMetrics> epochs, List<Artifact> artifacts, Provenance provenance) {
}
