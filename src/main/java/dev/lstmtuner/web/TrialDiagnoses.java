package dev.lstmtuner.web;

import dev.lstmtuner.analysis.Predictions;
import dev.lstmtuner.analysis.diagnosis.DiagnosisKind;
import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.analysis.diagnosis.Forecasts;
import dev.lstmtuner.analysis.diagnosis.TrainingSetup;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trial page's and the leaderboard filter's diagnoses ({@link Diagnoses}, computed in the analysis layer) from a
 * trial's stored report and predictions artifact. A finished trial never changes, so the filter keeps each one's
 * kinds once computed: a filtered request reads only the trials that finished since the last one, never the whole
 * campaign's epochs again.
 */
final class TrialDiagnoses {
    private final LeaderboardService service;
    private final Map<Long, Set<DiagnosisKind>> kinds = new ConcurrentHashMap<>();

    TrialDiagnoses(LeaderboardService service) {
        this.service = service;
    }

    Diagnoses of(TrialReport r, Campaign c) {
        Optional<Path> file = TrialDetails.predictionsFile(r, service.artifacts());
        Forecasts forecasts = file.map(f -> forecasts(r.trial().id(), f)).orElse(null);
        return Diagnoses.of(TrainingSetup.of(r, c), r.epochs(), forecasts);
    }

    /** Whether {@code t} has a diagnosis of {@code kind}; only COMPLETE and PRUNED trials have any. */
    boolean has(Trial t, DiagnosisKind kind, Campaign c) {
        if (t.state() != TrialState.COMPLETE && t.state() != TrialState.PRUNED) return false;
        return kinds.computeIfAbsent(t.id(), id -> service.store().report(id).map(r -> of(r, c).kinds())
                .orElse(Set.of())).contains(kind);
    }

    private Forecasts forecasts(long id, Path file) {
        try {
            return service.cache().get("pred|" + id, () -> Predictions.read(file)).forecasts();
        } catch (RuntimeException unreadable) {
            return null; // a damaged predictions file leaves the forecast rule unjudged, not the page broken
        }
    }
}
