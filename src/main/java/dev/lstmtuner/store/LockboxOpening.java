package dev.lstmtuner.store;

import dev.lstmtuner.result.LockboxScore;

import java.time.Instant;

/**
 * One opening of a campaign's lockbox, stored with its time: a {@code SCORE} (a trial scored on it, with its result)
 * or a {@code RESUME} (trials added to the campaign after the lockbox was opened; no score). {@code reopening} is
 * true for every opening after the first that the user asked for with --reopen-lockbox.
 */
public record LockboxOpening(long id, String campaign, Long trialId, Kind kind, boolean reopening, LockboxScore score,
                             Instant openedAt) {
    public enum Kind { SCORE, RESUME }
}
