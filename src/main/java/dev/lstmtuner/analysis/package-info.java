/**
 * Every derived answer, computed once, one file per question: the campaign's best trial and its confirmed winner
 * ({@link dev.lstmtuner.analysis.BestTrial}, {@link dev.lstmtuner.analysis.ConfirmedRanking}), the verdicts against
 * the baselines ({@link dev.lstmtuner.analysis.Verdict}), comparability and the pairwise Diebold–Mariano tests with
 * Holm's correction ({@link dev.lstmtuner.analysis.Comparability}, {@link dev.lstmtuner.analysis.PairwiseDm}), the
 * best per group ({@link dev.lstmtuner.analysis.GroupBest}) and a campaign's symbol label
 * ({@link dev.lstmtuner.analysis.SymbolLabel}).
 * <p>
 * It sits above {@code store} (it reads through the Store's indexed queries, never re-reading a whole campaign on a
 * hot path) and below {@code cli}, {@code web} and {@code report}, which call it and only render what it answers.
 */
package dev.lstmtuner.analysis;
