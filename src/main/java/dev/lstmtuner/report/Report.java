package dev.lstmtuner.report;

import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.web.Predictions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, read once from the store; the HTML and Markdown writers only format it.
 *
 * @param ab    the A/B table: the first row is A, every other row is compared with it
 * @param focus the trials shown in detail (curves, predictions, provenance): each campaign's best and the A/B ones
 */
public record Report(Instant generatedAt, String version, List<CampaignPart> campaigns, List<AbRow> ab,
                     List<GroupRow> symbols, List<GroupRow> families, List<Focus> focus) {

    /** One campaign: its counts by state and its top trials in leaderboard order. */
    public record CampaignPart(Campaign campaign, Map<TrialState, Long> counts, long total, List<Trial> top) {
    }

    /**
     * One trial of the A/B table; {@code deltas} are against A (null for A itself), {@code dm} the Diebold–Mariano
     * test of A against this trial on the test windows both forecast (null for A, or with {@code dmError}).
     */
    public record AbRow(Trial trial, Map<String, Double> metrics, Map<String, Double> deltas, DieboldMariano.Result dm,
                        String dmError) {
    }

    /** The best COMPLETE trial (by its campaign's objective) of one symbol or one model family. */
    public record GroupRow(String key, int complete, Trial best, Integer dataRows) {
    }

    /**
     * A trial shown in detail with its diagnoses; {@code predictions} is null when it has no readable predictions
     * artifact.
     */
    public record Focus(Trial trial, String why, List<EpochMetrics> epochs, Diagnoses diagnoses,
                        Predictions predictions, Provenance provenance) {
    }
}
