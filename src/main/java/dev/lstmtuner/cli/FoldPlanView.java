package dev.lstmtuner.cli;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.WalkForward;
import dev.lstmtuner.train.FoldPlan;

/** Prints a config's fold plan: which target bars each fold trains and validates on, what is tested, the lockbox. */
final class FoldPlanView {
    private FoldPlanView() {
    }

    static String text(FoldPlan p) {
        RunConfig c = p.config();
        WalkForward.Plan plan = p.plan();
        StringBuilder sb = new StringBuilder();
        int k = plan.folds().size();
        sb.append("fold plan (nested walk-forward: ").append(k == 1 ? "one fold, the single split" : k + " folds, "
                        + c.evaluation().scheme()).append("; purge ").append(plan.purge()).append(" bars = horizon - 1 + embargo ")
                .append(c.evaluation().embargo()).append("; bar ranges are target bars, end exclusive)\n");
        for (WalkForward.Fold f : plan.folds()) {
            sb.append(String.format("  fold %d: trains %s, validates %s%s%n", f.number(),
                    range(p, f.trainStart(), f.trainEnd()), range(p, f.valStart(), f.valEnd()),
                    f.testEnd() > f.testStart() ? ", tests " + range(p, f.testStart(), f.testEnd()) : ""));
        }
        WalkForward.Fold h = plan.headline();
        if (plan.refits()) {
            sb.append(String.format("  refit (complete trials only, median best epoch of the folds): trains %s%n",
                    range(p, h.trainStart(), h.trainEnd())));
        }
        sb.append(String.format("  headline test: %s, scored by %s%n", range(p, h.testStart(), h.testEnd()),
                plan.refits() ? "the refit" : "the fold's model"));
        sb.append(String.format("  selection (objective, pruners, samplers, confirmation) reads bars before %d (%s)%n",
                plan.devEnd(), Fmt.utc(p.timeMs(plan.devEnd()))));
        if (p.lockboxStart() >= 0) {
            sb.append(String.format("  lockbox: %s, held out of every trial (trials read bars before %d); scored"
                            + " once, on the confirmed winner, when the campaign ends%n",
                    range(p, p.lockboxStart(), p.series().size()), p.trialBars()));
        }
        return sb.toString();
    }

    private static String range(FoldPlan p, int from, int to) {
        if (to <= from) return "nothing";
        return "bars " + from + ".." + to + " (" + Fmt.utc(p.timeMs(from)) + " .. " + Fmt.utc(p.timeMs(to - 1)) + ", "
                + (to - from) + " bars)";
    }
}
