package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import dev.lstmtuner.result.LockboxScore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The experiment store: campaigns, their trials, epoch curves, final metrics, artifacts and provenance. Safe for
 * many threads, and (H2, PostgreSQL) many processes and machines: a trial is claimed by one conditional update,
 * trial numbers are allocated under a campaign row lock, and a finished trial is never updated again ({@link IllegalStateException}).
 * The store never deletes a trial except through {@link #deleteCampaign}. Open one with {@link StoreFactory}.
 */
public interface Store extends AutoCloseable {

    /** Creates a campaign; a name already taken is a {@link BadInputException}. */
    Campaign createCampaign(CampaignSpec spec);

    Optional<Campaign> campaign(String name);

    /** Every campaign, newest first, with counts by state and its best sampled trial ({@link #best}). */
    List<CampaignSummary> campaigns();

    /** Adds a WAITING trial with the next number of the campaign. */
    default Trial enqueue(String campaign, Map<String, Object> params) {
        return enqueue(campaign, params, null);
    }

    /**
     * Adds a WAITING trial; {@code confirmOf} links a confirmation run (the same params with another seed) to the
     * trial it confirms, null for a sampled trial.
     */
    Trial enqueue(String campaign, Map<String, Object> params, Long confirmOf);

    /** Adds sampled WAITING trials in order, in one go where the store can (a coordinator topping up its queue). */
    default List<Trial> enqueueAll(String campaign, List<Map<String, Object>> params) {
        List<Trial> out = new ArrayList<>();
        for (Map<String, Object> p : params) out.add(enqueue(campaign, p));
        return out;
    }

    /**
     * Claims a WAITING trial for a worker: exactly one of any number of concurrent callers gets the handle,
     * the others get empty (also when the trial is not WAITING).
     */
    Optional<TrialHandle> claim(long trialId, String worker, String device);

    /** Claims the lowest-numbered WAITING trial of the campaign, if any. */
    Optional<TrialHandle> claimNext(String campaign, String worker, String device);

    /** Claims the oldest WAITING trial of any campaign that has not ended ({@code worker --any-campaign}). */
    Optional<TrialHandle> claimAny(String worker, String device);

    /** Enqueues and claims in one go: how {@code train} records its single run. */
    default TrialHandle start(String campaign, Map<String, Object> params, String worker, String device) {
        Trial t = enqueue(campaign, params);
        return claim(t.id(), worker, device).orElseThrow(() ->
                new IllegalStateException("trial " + t.label() + " was claimed by another worker"));
    }

    Optional<Trial> trial(long trialId);

    Optional<Trial> trial(String campaign, int number);

    /** One sorted, filtered page of a campaign's trials (sorted and paged by the store, not in caller memory). */
    Page<Trial> trials(TrialQuery query);

    /**
     * The COMPLETE sampled trial with the best objective in the campaign's direction; confirmation runs
     * ({@code confirmOf} set) never rank here: they belong to the trial they confirm. The campaign's answer to "who
     * won" (the confirmed winner first) is {@code analysis.BestTrial}'s.
     */
    Optional<Trial> best(String campaign);

    /** Every confirmation run of the campaign ({@code confirmOf} set), in number order, whatever its state. */
    List<Trial> confirmationRuns(String campaign);

    /** Epoch curves of the given trials, each in epoch order; trials without epochs are absent. */
    Map<Long, List<EpochMetrics>> epochs(Collection<Long> trialIds);

    /**
     * Each given COMPLETE trial's value of every metric that may be one of several objectives (see
     * {@code Objectives}), as its worker recorded them; trials without any are absent.
     */
    Map<Long, Map<Objective, Double>> objectiveValues(Collection<Long> trialIds);

    /** Trials of the campaign by state; every state is a key (0 when none). */
    Map<TrialState, Long> countByState(String campaign);

    /** The names {@link TrialQuery#sort()} accepts for this campaign: metric keys then param names. */
    List<String> sortKeys(String campaign);

    Optional<TrialReport> report(long trialId);

    /**
     * Marks RUNNING trials whose last heartbeat is older than {@code grace} (by the store's clock) as FAILED with
     * reason "worker lost"; with {@code requeue}, enqueues a WAITING copy of each (same params, new number,
     * {@code requeuedFrom} set). Returns the trials it failed.
     */
    List<Trial> reclaimStale(Duration grace, boolean requeue);

    /**
     * What changed in the campaign since these points of the store's clock (null = from the start): how coordinators
     * and pruners stay current without re-reading the campaign. See {@link CampaignChanges}.
     */
    CampaignChanges changesSince(String campaign, Instant trialsSince, Instant epochsSince);

    /**
     * Takes or renews the campaign's coordinator lease for {@code holder} until {@code ttl} from now by the store's
     * clock, in one atomic step: true when the holder has it now, false while another holder's lease is live.
     */
    boolean holdLease(String campaign, String holder, Duration ttl);

    /** Gives the lease up (only if {@code holder} holds it), so a standby takes over at once. */
    void releaseLease(String campaign, String holder);

    /** The campaign's lease as stored now. */
    Lease lease(String campaign);

    /** Marks the campaign over (budget reached, failing, ...) with the reason; workers then stop claiming. */
    void endCampaign(String name, String reason);

    /** Opens an ended campaign again (a resume after its wall-time budget ran out). */
    void reopenCampaign(String name);

    /**
     * Pauses the campaign ({@code paused}: its workers claim none of its trials, running ones finish) or lets it go
     * on; false when it already was so.
     */
    boolean pauseCampaign(String name, boolean paused);

    /**
     * Cancels a WAITING or RUNNING trial: CANCELLED with the reason, finished now; the worker running it finds out
     * at its next epoch or heartbeat ({@link TrialLostException}). False when the trial had finished already.
     */
    boolean cancelTrial(long trialId, String reason);

    /** Replaces the campaign's stored experiment and trial budget: a budget changed on resume. */
    void changeSettings(String name, String settingsJson, Integer budget);

    /**
     * Adds a note or tag to the campaign ({@code trialId} null) or one of its trials; the text is checked with
     * {@link Note#check} (a {@link BadInputException} when empty or too long), as is a trial of
     * another campaign.
     */
    Note addNote(String campaign, Long trialId, Note.Kind kind, String text);

    /** The campaign's notes and tags (its own and its trials'), oldest first. */
    List<Note> notes(String campaign);

    /** Removes a note or tag; false when there was none with that id. */
    boolean deleteNote(long id);

    /**
     * Records an opening of the campaign's lockbox, stamped with the store's time: a trial's score on it, or a
     * resume that adds trials after it was opened ({@code score} null). Whether an opening is allowed is the
     * caller's rule (search/LockboxGuard); the store keeps every one.
     */
    LockboxOpening recordLockbox(String campaign, Long trialId, LockboxOpening.Kind kind, boolean reopening,
                                 LockboxScore score);

    /** The campaign's lockbox openings, oldest first. */
    List<LockboxOpening> lockboxOpenings(String campaign);

    /** Deletes a campaign with all its trials; returns the number of trials deleted. Only on the user's request. */
    int deleteCampaign(String name);

    /**
     * How long to ride out a lost connection to the store's server (a restart, a crash, a cut link) before a call
     * fails with {@link StoreUnreachableException}, and where to say once that it was lost and once that it is back.
     * A store without a server has no outage to ride out.
     */
    default void tolerateOutages(Duration budget, Consumer<String> say) {
    }

    /**
     * True while this process finds the store's server unreachable, or found it back less than {@code window} ago:
     * heartbeats that could not be written meanwhile are no sign of a lost worker yet.
     */
    default boolean outageWithin(Duration window) {
        return false;
    }

    @Override
    void close();
}
