package dev.lstmtuner.web;

import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.store.Provenance;

import java.util.List;

/**
 * Everything the trial page shows: the row, whether it is the campaign's best, the full resolved config (pretty
 * JSON) with the shell command that reruns it, provenance (null if never recorded), artifacts, the learning-curve
 * diagnoses (whether it has a curve, its best epoch, and the findings of dev.lstmtuner.analysis.diagnosis), and the neighbours by number and the campaign's best for links (null when
 * none).
 */
public record TrialDetail(TrialRow trial, boolean best, String objectiveName, String direction, String config,
                          String reproduce, Provenance provenance, List<ArtifactRow> artifacts,
                          boolean hasPredictions, Diagnoses diagnoses,
                          String failureStack, Long prevId, Long nextId, Long bestId) {

    /**
     * An artifact: kind, file name, stored path, SHA-256, size, and {@code download} (the API path that serves it;
     * null when the file is gone).
     */
    public record ArtifactRow(String kind, String name, String path, String sha256, long sizeBytes, String download) {
    }
}
