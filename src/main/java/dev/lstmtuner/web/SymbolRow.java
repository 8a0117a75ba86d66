package dev.lstmtuner.web;

/**
 * One line of the multi-symbol table: the best COMPLETE trial for a symbol among the group's campaigns, with the
 * tutorial's columns (MAE, RMSE, R², training time) and the persistence baseline; {@code rankedBy} names what chose it.
 * {@code verdict}/{@code verdictKind}: its verdict against persistence corrected across its campaign (raw p beside
 * it), as the leaderboard's row shows it; {@code directionTest}: the Pesaran–Timmermann test beside its direction
 * accuracy.
 */
public record SymbolRow(String symbol, String campaign, long trialId, int number, Double objective, Double mae,
                        Double rmse, Double r2, Double mape, Double directionAccuracy, Double persistenceRmse,
                        Double skill, Double trainingSeconds, Double epochs, String rankedBy, String verdict,
                        String verdictKind, DirectionTest directionTest) {
}
