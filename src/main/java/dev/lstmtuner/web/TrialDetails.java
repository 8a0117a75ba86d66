package dev.lstmtuner.web;

import dev.lstmtuner.analysis.Comparability;
import dev.lstmtuner.analysis.PairwiseDm;
import dev.lstmtuner.analysis.Predictions;
import dev.lstmtuner.analysis.TrialConfig;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Trial detail, epoch curves and test-split predictions, read from the store and the trial's artifact files. */
public final class TrialDetails {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LeaderboardService service;
    private final ArtifactRoot root;

    /** Every artifact and predictions file is read only if it resolves under the service's artifacts root. */
    public TrialDetails(LeaderboardService service) {
        this.service = service;
        this.root = service.artifacts();
    }

    public TrialReport report(long id) {
        return service.cache().get("report|" + id, () -> service.store().report(id))
                .orElseThrow(() -> ApiException.notFound("no trial with id " + id));
    }

    public TrialDetail detail(long id) {
        TrialReport r = report(id);
        Trial t = r.trial();
        Campaign c = service.requireCampaign(t.campaign());
        String config = config(r, c);
        Long bestId = service.best(t.campaign()).map(b -> b.trial().id()).orElse(null);
        List<TrialDetail.ArtifactRow> artifacts = new ArrayList<>();
        for (int i = 0; i < r.artifacts().size(); i++) {
            Artifact a = r.artifacts().get(i);
            artifacts.add(new TrialDetail.ArtifactRow(a.kind(), Path.of(a.path()).getFileName().toString(), a.path(),
                    a.sha256(), a.sizeBytes(), readable(a.path()) ? "/api/trials/" + id + "/artifacts/" + i : null));
        }
        Optional<Path> pred = predictionsFile(r);
        // the verdict as the leaderboard's row shows it: corrected across the campaign's COMPLETE trials
        return new TrialDetail(service.row(t, r.epochs(), TrialRow.interrupted(t) ? service.requeuedAs(t) : null,
                c.objective()),
                bestId != null && bestId == id, c.objective().key(), c.direction().label(), config,
                reproduce(t, config), r.provenance(), artifacts, pred.isPresent(),
                service.diagnoses().of(r, c), t.failureStack(),
                neighbour(t, -1), neighbour(t, 1), bestId);
    }

    private Long neighbour(Trial t, int step) {
        return service.cache().get("trialno|" + t.campaign() + "|" + (t.number() + step),
                () -> service.store().trial(t.campaign(), t.number() + step).map(Trial::id).orElse(null));
    }

    /** The trial's {@code index}th artifact file, only if it is one the store recorded for it and still exists. */
    public Path artifact(long id, int index) {
        TrialReport r = report(id);
        if (index < 0 || index >= r.artifacts().size()) {
            throw ApiException.notFound("trial " + r.trial().label() + " has no artifact " + index);
        }
        String recorded = r.artifacts().get(index).path();
        return confined(recorded).orElseThrow(() -> ApiException.notFound("artifact " + Path.of(recorded).getFileName()
                + " of trial " + r.trial().label() + " is no longer on disk (keep_models may have removed it)"));
    }

    /** The real path of a recorded artifact under the root; 403 if the store points outside it. */
    private Optional<Path> confined(String recorded) {
        return confined(root, recorded);
    }

    private static Optional<Path> confined(ArtifactRoot root, String recorded) {
        try {
            return root.resolve(recorded);
        } catch (ArtifactRoot.OutsideRoot e) {
            throw ApiException.status(403, e.getMessage());
        }
    }

    private boolean readable(String recorded) {
        try {
            return root.resolve(recorded).isPresent();
        } catch (ArtifactRoot.OutsideRoot e) {
            return false;
        }
    }

    /**
     * The full config the trial ran with: the recorded provenance config, else the campaign's base config with the
     * trial's params laid over it.
     */
    static String config(TrialReport r, Campaign c) {
        try {
            // a damaged recorded config is shown as it is stored (the catch), not as an empty object
            JsonNode node = r.provenance() != null && r.provenance().configJson() != null
                    ? MAPPER.readTree(r.provenance().configJson()) : TrialConfig.of(r.trial(), c, null);
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            return r.provenance() != null ? r.provenance().configJson() : c.configJson();
        }
    }

    /** The reproduce command, and one that writes the config to a file and trains it again (POSIX shell quoting). */
    static String reproduce(Trial t, String config) {
        String file = "trial-" + t.campaign().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + t.number() + ".json";
        String compact;
        try {
            compact = MAPPER.writeValueAsString(MAPPER.readTree(config));
        } catch (Exception e) {
            compact = config;
        }
        return "bin/lstm-tuner reproduce " + shellQuote(t.label()) + "\n"
                + "# or without the store:\n"
                + "printf '%s\\n' " + shellQuote(compact) + " > " + file + " && bin/lstm-tuner train --config " + file;
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public Map<String, List<EpochMetrics>> epochs(Collection<Long> ids) {
        for (Long id : ids) service.trial(id);
        Map<Long, List<EpochMetrics>> byId = service.cache().get("epochs|" + ids, () -> service.store().epochs(ids));
        Map<String, List<EpochMetrics>> out = new LinkedHashMap<>();
        for (Long id : ids) out.put(Long.toString(id), byId.getOrDefault(id, List.of()));
        return out;
    }

    Optional<Path> predictionsFile(TrialReport r) {
        return predictionsFile(r, root);
    }

    /**
     * The trial's predictions file, if it has one on disk under {@code root}; one the store records outside the root
     * counts as absent here (the page and the diagnoses still render) and is refused with 403 by {@link #predictions}.
     */
    static Optional<Path> predictionsFile(TrialReport r, ArtifactRoot root) {
        return r.artifacts().stream().filter(a -> a.kind().equals(Predictions.ARTIFACT_KIND))
                .map(Artifact::path).map(p -> {
                    try {
                        return root.resolve(p);
                    } catch (ArtifactRoot.OutsideRoot e) {
                        return Optional.<Path>empty();
                    }
                }).flatMap(Optional::stream).findFirst();
    }

    /** The trial's test-split predictions; 404 when it has no readable predictions artifact. */
    public Predictions predictions(long id) {
        TrialReport r = report(id);
        r.artifacts().stream().filter(a -> a.kind().equals(Predictions.ARTIFACT_KIND)).forEach(a -> confined(a.path()));
        Path file = predictionsFile(r).orElseThrow(() -> ApiException.notFound("trial " + r.trial().label()
                + " has no predictions artifact (only COMPLETE trials evaluated on the test split have one)"));
        return service.cache().get("pred|" + id, () -> Predictions.read(file));
    }

    /** The trial as one side of a Diebold–Mariano test: what it forecasts, its predictions (null when none). */
    PairwiseDm.Side side(Trial t) {
        TrialReport r = report(t.id());
        Campaign c = service.requireCampaign(t.campaign());
        Predictions p = predictionsFile(r).isPresent() ? predictions(t.id()) : null;
        return new PairwiseDm.Side(t, Comparability.of(t, c, r.provenance()),
                p, TrialConfig.horizon(TrialConfig.of(t, c, r.provenance())));
    }
}
