package dev.lstmtuner.cli;

import dev.lstmtuner.search.Budget;
import dev.lstmtuner.search.BudgetChange;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Lease;
import dev.lstmtuner.store.Store;

import java.io.PrintWriter;

/** {@code search --resume NAME --max-trials N / --max-minutes M}: the budget change and what it means now. */
final class BudgetSteering {
    private BudgetSteering() {
    }

    /**
     * Writes the new budget and says so; true when the campaign's running coordinator takes it from here (this
     * command is then done), false when this resume goes on to run the campaign.
     */
    static boolean change(Store store, Campaign c, Integer maxTrials, Double maxMinutes, PrintWriter out) {
        Budget b = BudgetChange.apply(store, c, maxTrials, maxMinutes);
        out.println("campaign " + c.name() + ": budget now " + BudgetChange.describe(b));
        Lease lease = store.lease(c.name());
        if (c.endedAt() == null && lease.live()) {
            out.println("campaign " + c.name() + " is coordinated by " + lease.holder()
                    + ", which picks the new budget up at its next step (within a second)");
            out.flush();
            return true;
        }
        if (c.endedAt() != null) out.println("campaign " + c.name() + " had ended (" + c.endReason() + "); it goes on with the new budget");
        out.flush();
        return false;
    }
}
