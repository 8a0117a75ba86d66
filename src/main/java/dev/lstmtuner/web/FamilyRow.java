package dev.lstmtuner.web;

import java.util.Map;

/**
 * One model family of the per-family view: its trials by state ({@code counts}, confirmation runs included;
 * {@code confirmationRuns} of them re-train a chosen trial with another seed) and its best COMPLETE searched trial
 * by the campaigns' objective, with that trial's test RMSE, skill and Diebold–Mariano test against persistence
 * ({@code verdict} in words, corrected across its campaign as the leaderboard shows it, raw p beside it; {@code verdictKind} beats / no_better / worse / untested: the only thing that may colour
 * the row). {@code rank} is 1 for the best family; a family without a complete trial has no rank, no best trial and
 * {@code status} "no complete trial". {@code confirmed*}: the mean ± sd of the objective over the best trial's fresh
 * confirmation seeds (its selected run apart), where it has any.
 */
public record FamilyRow(String family, Integer rank, String status, Map<String, Long> counts, long total,
                        int confirmationRuns, Long trialId, String campaign, Integer number, Double objective,
                        Double testRmse, Double persistenceRmse, Double skill, Double dmStatistic, Double pValue,
                        String verdict, String verdictKind, Double trainingSeconds, Map<String, Object> params,
                        Integer confirmedN, Double confirmedMean, Double confirmedSd) {
    /** The status of a family with a best trial. */
    public static final String RANKED = "ranked";
    /** The status of a family whose trials were all pruned, failed or are still to finish. */
    public static final String NO_COMPLETE = "no complete trial";
}
