package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.WarmStarts;
import dev.lstmtuner.store.Store;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code search}'s options for warm starts and budget changes (docs/warm-starts.md, docs/steering.md). */
final class SteeringOptions {
    @Option(names = "--warm-start", paramLabel = "CAMPAIGN", description = "Start from an earlier campaign on the same question: its best configs run first and its trials inform the sampler (see docs/warm-starts.md).")
    String warmStart;

    @Option(names = "--max-trials", paramLabel = "N", description = "With --resume: change the campaign's trial budget (a running campaign's coordinator picks it up; an ended one goes on).")
    Integer maxTrials;

    @Option(names = "--max-minutes", paramLabel = "M", description = "With --resume: change the campaign's wall-time budget, counted from this start.")
    Double maxMinutes;

    /** Each option with the mode it belongs to: a warm start starts a campaign, a budget change changes a stored one. */
    void check(Path experiment) {
        if (warmStart != null && experiment == null) {
            throw new BadInputException("--warm-start starts a new campaign from an earlier one: give it with --experiment FILE");
        }
        if (experiment != null && changesBudget()) {
            throw new BadInputException("--max-trials and --max-minutes change a stored campaign's budget: use them with"
                    + " --resume CAMPAIGN (a new campaign's budget is the experiment's \"budget\")");
        }
    }

    boolean changesBudget() {
        return maxTrials != null || maxMinutes != null;
    }

    /** The source's best configs enqueued as the new campaign's first trials, said in one line. */
    static void warmStart(Store store, String campaign, Experiment e, PrintWriter out) {
        int first = WarmStarts.enqueueBest(store, campaign, e).size();
        out.println("warm start from campaign " + e.warmStart().campaign() + ": its best " + first
                + " config(s) run first, and its finished trials inform the sampler");
    }
}
