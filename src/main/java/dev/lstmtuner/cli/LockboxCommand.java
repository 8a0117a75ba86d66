package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.LockboxOpening;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "lockbox", mixinStandardHelpOptions = true,
        description = {"Show a campaign's lockbox: every opening with its time, and the lockbox verdict.",
                "With --score, score a trial on it (the confirmed winner unless --trial); a lockbox opened",
                "before is scored again only with --reopen-lockbox, which is recorded and shown."})
public final class LockboxCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "<campaign>")
    String campaign;

    @Option(names = "--score", description = "Score a trial on the lockbox now.")
    boolean score;

    @Option(names = "--trial", paramLabel = "TRIAL", description = "The trial to score (default: the confirmed winner, else the best trial).")
    String trial;

    @Option(names = "--reopen-lockbox", description = "Allow scoring a lockbox that was opened before (recorded as a reopening).")
    boolean reopen;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = storeOptions.open()) {
            Campaign c = store.campaign(campaign).orElseThrow(() -> new BadInputException(
                    "no campaign \"" + campaign + "\"; list them with `lstm-tuner campaigns`"));
            if (score) {
                Trial t = trial != null ? TrialRef.resolve(store, trial)
                        : LockboxView.confirmedWinner(store, c).or(() -> store.best(campaign)).orElseThrow(() ->
                        new BadInputException("campaign \"" + campaign + "\" has no completed trial to score"));
                if (!t.campaign().equals(campaign)) {
                    throw new BadInputException("trial " + t.label() + " is not in campaign " + campaign);
                }
                LockboxView.score(store, campaign, t, reopen);
            }
            List<LockboxOpening> openings = store.lockboxOpenings(campaign);
            if (openings.isEmpty()) out.println("lockbox of " + campaign + ": not opened");
            for (LockboxOpening o : openings) {
                out.println("  " + o.openedAt() + "  " + (o.kind() == LockboxOpening.Kind.SCORE
                        ? "scored trial #" + o.score().trialNumber() : "resumed: trials added after it was opened")
                        + (o.reopening() ? "  (reopening)" : ""));
            }
            LockboxView.headline(store, campaign).ifPresent(out::println);
        }
        out.flush();
        return 0;
    }
}
