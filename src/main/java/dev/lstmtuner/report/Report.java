package dev.lstmtuner.report;

import dev.lstmtuner.analysis.AbTable;
import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.PairwiseDm;
import dev.lstmtuner.analysis.PooledVsOwn;
import dev.lstmtuner.analysis.Predictions;
import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.analysis.Headline;
import dev.lstmtuner.analysis.TrialTests;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, read once from the store; the HTML and Markdown writers only format it.
 *
 * @param ab           the A/B table: the first row is A, every other row is compared with it
 * @param abCorrection how the A/B p-values were corrected when several pairs were tested (null otherwise)
 * @param pooled the "one model for all" vs "one model each" of every pooled campaign reported
 * @param focus the trials shown in detail (curves, predictions, provenance): each campaign's best and the A/B ones
 * @param tests every trial's verdict against persistence corrected across its campaign, and its direction test
 * @param fronts the Pareto front of each campaign with several objectives
 * @param plans the A/B table of each campaign that ran an A/B plan ({@link AbTable})
 */
public record Report(Instant generatedAt, String version, List<CampaignPart> campaigns, List<AbRow> ab,
                     String abCorrection, List<GroupRow> symbols, List<GroupRow> families, List<Focus> focus,
                     TrialTests tests, List<PooledVsOwn.Comparison> pooled, List<ParetoSection.Part> fronts,
                     List<AbTable> plans) {

    /**
     * One campaign: its counts by state, its top trials (THE best first, confirmation runs left out), its best
     * ({@link BestTrial}: the confirmed winner once there is one; null without a completed trial) and the headline
     * verdict lines (lockbox, campaign-wide test, the best trial's corrected verdict: {@link Headline}).
     */
    public record CampaignPart(Campaign campaign, Map<TrialState, Long> counts, long total, List<Trial> top,
                               BestTrial best, List<String> headline) {
    }

    /**
     * One trial of the A/B table; {@code deltas} are against A (null for A itself), {@code dm} the Diebold–Mariano
     * test of A against this trial on the test windows both forecast, Holm-corrected over the table's pairs, or its
     * refusal ({@link PairwiseDm.Row#error}: "not compared: symbol BTCUSDT vs ETHUSDT …"); null for A.
     */
    public record AbRow(Trial trial, Map<String, Double> metrics, Map<String, Double> deltas, PairwiseDm.Row dm) {
    }

    /**
     * The best trial of one symbol or one model family ({@link dev.lstmtuner.analysis.GroupBest}; null when none
     * completed), chosen by {@code rankedBy}; {@code complete} counts its completed searched trials.
     */
    public record GroupRow(String key, int complete, Trial best, Integer dataRows, String rankedBy) {
    }

    /**
     * A trial shown in detail with its diagnoses; {@code predictions} is null when it has no readable predictions
     * artifact.
     */
    public record Focus(Trial trial, String why, List<EpochMetrics> epochs, Diagnoses diagnoses,
                        Predictions predictions, Provenance provenance) {
    }
}
