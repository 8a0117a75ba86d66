package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.store.LockboxOpening;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.List;
import java.util.Optional;

/**
 * The rules of the lockbox. It is opened once, when the campaign ends, to score the confirmed winner (persistence
 * beside it). Scoring it again, or scoring another trial on it, is refused unless the user says
 * {@code --reopen-lockbox}; so is a resume that would add trials after it was opened. Every opening is stored with
 * its time, and each one made with {@code --reopen-lockbox} counts as a reopening (a resume and the score that ends
 * it count once).
 */
public final class LockboxGuard {
    /** Trains and scores a trial's configuration on the lockbox (train/LockboxRun in production). */
    @FunctionalInterface
    public interface Scorer {
        LockboxScore score(RunConfig config, int trialNumber, int epochs);
    }

    private LockboxGuard() {
    }

    /** Whether the campaign's lockbox was ever scored. */
    public static boolean opened(Store store, String campaign) {
        return store.lockboxOpenings(campaign).stream().anyMatch(o -> o.kind() == LockboxOpening.Kind.SCORE);
    }

    /**
     * Scores {@code trial} (run with {@code config}) on the lockbox and records it.
     *
     * @throws BadInputException when the lockbox was opened before and {@code reopen} is false
     */
    public static LockboxOpening score(Store store, String campaign, Trial trial, RunConfig config, boolean reopen,
                                       Scorer scorer) {
        if (config.lockbox() == null) {
            throw new BadInputException("campaign " + campaign + " has no lockbox: add \"lockbox\": {\"from\": "
                    + "\"2024-11-01\"} (or {\"fraction\": 0.1}) to the experiment of a new campaign");
        }
        List<LockboxOpening> openings = store.lockboxOpenings(campaign);
        Optional<LockboxOpening> lastScore = openings.stream().filter(o -> o.kind() == LockboxOpening.Kind.SCORE)
                .reduce((a, b) -> b);
        if (lastScore.isPresent() && !reopen) {
            throw refusal(campaign, lastScore.get(), "scoring it again" + (lastScore.get().score().trialNumber()
                    == trial.number() ? "" : " (or scoring trial #" + trial.number() + " on it)"));
        }
        boolean afterResume = !openings.isEmpty()
                && openings.get(openings.size() - 1).kind() == LockboxOpening.Kind.RESUME;
        int epochs = trial.metrics() == null ? 1 : trial.metrics().bestEpoch();
        LockboxScore score = scorer.score(config, trial.number(), epochs);
        return store.recordLockbox(campaign, trial.id(), LockboxOpening.Kind.SCORE,
                lastScore.isPresent() && !afterResume, score);
    }

    /**
     * Called before a resume adds trials: refused once the lockbox was opened, unless {@code reopen}; then the resume
     * is recorded as a reopening.
     */
    public static void beforeResume(Store store, String campaign, boolean reopen) {
        List<LockboxOpening> openings = store.lockboxOpenings(campaign);
        Optional<LockboxOpening> lastScore = openings.stream().filter(o -> o.kind() == LockboxOpening.Kind.SCORE)
                .reduce((a, b) -> b);
        if (lastScore.isEmpty()) return;
        if (!reopen) throw refusal(campaign, lastScore.get(), "adding trials (a resume)");
        store.recordLockbox(campaign, null, LockboxOpening.Kind.RESUME, true, null);
    }

    private static BadInputException refusal(String campaign, LockboxOpening last, String what) {
        return new BadInputException("the lockbox of campaign " + campaign + " was opened at " + last.openedAt()
                + " to score trial #" + last.score().trialNumber() + "; " + what + " would let the lockbox choose: add"
                + " --reopen-lockbox to do it anyway (it is recorded and shown as \"lockbox reopened N×\")");
    }
}
