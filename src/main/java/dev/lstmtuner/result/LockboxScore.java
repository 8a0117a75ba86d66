package dev.lstmtuner.result;

/**
 * A model scored once on the lockbox, beside persistence: its RMSE, persistence's, the skill 1 - model/persistence,
 * the Diebold–Mariano test against persistence (null when too few windows), the windows scored and the time range of
 * their targets, and the epochs the model was trained for (on every bar before the lockbox, less the purge).
 */
public record LockboxScore(int trialNumber, double modelRmse, double persistenceRmse, double skill,
                           Double dmStatistic, Double pValue, int windows, long fromMs, long toMs, int epochs) {
}
