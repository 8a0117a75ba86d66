package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.ModelFamily;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What the epoch rules need to know about how a trial trained: its model family (the baselines of
 * {@link RunConfig#BASELINES} are fitted without epochs), its epoch budget {@code max_epochs}, and its state (only
 * finished trials are diagnosed; only a COMPLETE one can have used its whole budget).
 */
public record TrainingSetup(String family, int maxEpochs, TrialState state) {

    /** Whether the family trains epoch by epoch, so that it has learning curves to read. */
    public boolean hasEpochs() {
        return !RunConfig.BASELINES.contains(family);
    }

    /** Whether the trial is over (COMPLETE or PRUNED): a running trial's curve is still growing. */
    public boolean finished() {
        return state == TrialState.COMPLETE || state == TrialState.PRUNED;
    }

    /**
     * Resolved as the trial ran: the recorded provenance config when there is one (it is the whole config), else the
     * campaign's base config with the trial's searched params over it.
     */
    public static TrainingSetup of(TrialReport report, Campaign campaign) {
        Trial t = report.trial();
        JsonNode config = report.provenance() != null && report.provenance().configJson() != null
                ? read(report.provenance().configJson()) : read(campaign.configJson());
        return new TrainingSetup(ModelFamily.of(t.params(), config), maxEpochs(t.params(), config), t.state());
    }

    private static int maxEpochs(Map<String, Object> params, JsonNode config) {
        if (params.get("max_epochs") instanceof Number n) return n.intValue();
        JsonNode n = config == null ? null : config.get("max_epochs");
        return n != null && n.canConvertToInt() ? n.asInt() : RunConfig.DEFAULTS.maxEpochs();
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) return null;
        try {
            return ConfigLoader.mapper().readTree(json);
        } catch (Exception unreadable) {
            return null; // a config that no longer parses is diagnosed as the defaults would train it
        }
    }
}
