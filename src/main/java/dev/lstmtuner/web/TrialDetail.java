package dev.lstmtuner.web;

import dev.lstmtuner.store.Provenance;

import java.util.List;

/**
 * Everything the trial page shows: the row, whether it is the campaign's best, the full resolved config (pretty
 * JSON) with the shell command that reruns it, provenance (null if never recorded), artifacts and the learning-curve
 * verdict.
 */
public record TrialDetail(TrialRow trial, boolean best, String objectiveName, String direction, String config,
                          String reproduce, Provenance provenance, List<ArtifactRow> artifacts,
                          boolean hasPredictions, Overfitting.Verdict curve, String failureStack) {

    /** An artifact: kind, file name, stored path, SHA-256 and size. */
    public record ArtifactRow(String kind, String name, String path, String sha256, long sizeBytes) {
    }
}
