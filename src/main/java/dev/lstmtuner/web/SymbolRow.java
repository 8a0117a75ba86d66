package dev.lstmtuner.web;

/**
 * One line of the multi-symbol table: the best COMPLETE trial for a symbol among the group's campaigns, with the
 * tutorial's columns (MAE, RMSE, R², training time) and the persistence baseline; {@code rankedBy} names what chose it.
 */
public record SymbolRow(String symbol, String campaign, long trialId, int number, Double objective, Double mae,
                        Double rmse, Double r2, Double mape, Double directionAccuracy, Double persistenceRmse,
                        Double skill, Double trainingSeconds, Double epochs, String rankedBy) {
}
