package dev.lstmtuner.cli;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.Budget;
import dev.lstmtuner.search.Coordinator;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.store.Trial;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The search's live terminal view: trials by state, the best so far with its params, elapsed time and an ETA
 * against the budget, that the campaign is paused (with the command that lets it go on), and once the budget is spent,
 * that the winner is being confirmed. On a terminal it redraws in place every second; in a log it prints a line every
 * 15 s, and at once when the campaign is paused or continued.
 */
final class LiveView {
    private final PrintWriter out;
    private final boolean interactive;
    private final String campaign;
    private final Budget budget;
    private final int slots;
    private final Experiment.Confirm confirm;
    private final String continueCommand;
    private long lastPrint;
    private boolean lastPaused;
    private int drawnLines;

    /** @param continueCommand the command line that lets this campaign go on once paused */
    LiveView(PrintWriter out, boolean interactive, String campaign, Budget budget, int slots, Experiment.Confirm confirm,
             String continueCommand) {
        this.out = out;
        this.continueCommand = continueCommand;
        this.confirm = confirm;
        this.interactive = interactive;
        this.campaign = campaign;
        this.budget = budget;
        this.slots = slots;
    }

    void show(Coordinator.Status s, int workersAlive) {
        long now = System.currentTimeMillis();
        if (!interactive && now - lastPrint < 15_000 && !s.over() && s.paused() == lastPaused) return;
        lastPrint = now;
        lastPaused = s.paused();
        long complete = s.counts().get(TrialState.COMPLETE), pruned = s.counts().get(TrialState.PRUNED),
                failed = s.counts().get(TrialState.FAILED), running = s.counts().get(TrialState.RUNNING),
                waiting = s.counts().get(TrialState.WAITING);
        String line1 = String.format(Locale.ROOT, "%s%s | running %d, complete %d, pruned %d, failed %d, waiting %d | workers %d/%d | %s elapsed, %s",
                campaign, s.paused() ? " PAUSED (" + continueCommand + ")" : "", running, complete, pruned, failed, waiting, workersAlive, slots, clock(s.elapsedMinutes()),
                eta(s, complete + pruned + failed));
        Trial b = s.best();
        String line2 = b == null ? "  best: none yet"
                : String.format(Locale.ROOT, "  best: #%d %s %s  %s", b.number(), "objective", Fmt.num(b.objective()),
                Fmt.params(b.params()));
        String line3 = confirming(s);
        if (interactive) {
            if (drawnLines > 0) out.print("\033[" + drawnLines + "A");
            out.print("\r\033[K" + line1 + "\n\r\033[K" + line2 + "\n");
            if (line3 != null || drawnLines == 3) {
                out.print("\r\033[K" + (line3 == null ? "" : line3) + "\n");
                drawnLines = 3;
            } else {
                drawnLines = 2;
            }
        } else {
            out.println(line1);
            out.println(line2);
            if (line3 != null) out.println(line3);
        }
        out.flush();
    }

    /** Once the search budget is spent, what the campaign still does: finish queued trials, confirm the winner. */
    private String confirming(Coordinator.Status s) {
        boolean spent = s.endReason() != null || budget.maxTrials() != null && s.draws() >= budget.maxTrials();
        if (confirm == null || !spent || s.over()) return null;
        return String.format(Locale.ROOT, "  search budget spent: finishing queued trials, then re-training the top %d"
                + " with %d more seed%s each to confirm the winner", confirm.topK(), confirm.seeds(),
                confirm.seeds() == 1 ? "" : "s");
    }

    private String eta(Coordinator.Status s, long finished) {
        double byWall = budget.maxMinutes() == null ? Double.NaN : Math.max(0, budget.maxMinutes() - s.elapsedMinutes());
        double byTrials = Double.NaN;
        if (budget.maxTrials() != null && finished > 0) {
            double perTrial = s.elapsedMinutes() / finished;
            long left = Math.max(0, budget.maxTrials() - finished);
            byTrials = perTrial * left / Math.max(1, Math.min(slots, left));
        }
        double eta = Double.isNaN(byWall) ? byTrials : Double.isNaN(byTrials) ? byWall : Math.min(byWall, byTrials);
        String budgetText = (budget.maxTrials() != null ? budget.maxTrials() + " trials" : "")
                + (budget.maxTrials() != null && budget.maxMinutes() != null ? " / " : "")
                + (budget.maxMinutes() != null ? budget.maxMinutes() + " min" : "");
        return (Double.isNaN(eta) ? "ETA --" : "ETA " + clock(eta)) + " (budget " + budgetText + ")";
    }

    private static String clock(double minutes) {
        long sec = Math.round(minutes * 60);
        return String.format(Locale.ROOT, "%d:%02d", sec / 60, sec % 60);
    }
}
