package dev.lstmtuner.web;

import dev.lstmtuner.analysis.ConfirmedRanking;

import java.util.List;

/**
 * One confirmed trial as the API shows it: its id and number, its fresh runs' ids, the objective's mean and sd over
 * the {@code n} fresh seeds ({@code selectedObjective}: the run the search selected, reported apart), whether it is
 * ranked (at least two fresh runs) and the winner; {@code sentences} (on the winner only) are the confirmation's
 * end report in analysis' words.
 */
public record ConfirmationRow(long trialId, int number, List<Long> runIds, int n, int pending, Double mean, Double sd,
                              Double selectedObjective, boolean ranked, boolean winner, List<String> sentences) {

    static ConfirmationRow of(ConfirmedRanking.Arm a, ConfirmedRanking r) {
        boolean winner = r.winner().map(w -> w.original().id() == a.original().id()).orElse(false);
        return new ConfirmationRow(a.original().id(), a.original().number(),
                a.fresh().stream().map(t -> t.id()).toList(), a.n(), a.pending(), TrialRow.finite(a.mean()),
                TrialRow.finite(a.sd()), TrialRow.finite(a.original().objective()), a.ranked(), winner,
                winner ? r.sentences() : null);
    }
}
