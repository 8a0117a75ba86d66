package dev.lstmtuner.search;

import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives one campaign: keeps enough WAITING trials in the store for the workers (sampling each from the campaign's
 * past), reclaims trials of lost workers, enforces the budget, and says when and why the campaign is over.
 * Workers are not its business ({@link WorkerPool} runs them); it only reads and writes the store.
 */
public final class Coordinator {
    /** Where the campaign stands after a step. */
    public record Status(Map<TrialState, Long> counts, int draws, Trial best, boolean over, String endReason,
                         double elapsedMinutes) {
    }

    private final Store store;
    private final CampaignPlan plan;
    private final int slots;
    private final Duration staleGrace;
    private final long startNanos = System.nanoTime();
    private final double minutesBefore;

    /**
     * @param minutesBefore wall minutes the campaign already ran before this start (a resume counts them)
     */
    public Coordinator(Store store, CampaignPlan plan, int slots, Duration staleGrace, double minutesBefore) {
        this.store = store;
        this.plan = plan;
        this.slots = slots;
        this.staleGrace = staleGrace;
        this.minutesBefore = minutesBefore;
    }

    public double elapsedMinutes() {
        return minutesBefore + (System.nanoTime() - startNanos) / 60e9;
    }

    /** One round: reclaim, check the budget, top up the queue. Cheap enough to call every second. */
    public Status step() {
        String name = plan.campaign().name();
        // a lost worker's trial fails as "worker lost" and a WAITING copy takes its place
        store.reclaimStale(staleGrace, true);
        List<Trial> trials = PastTrials.all(store, name);
        Budget budget = plan.experiment().budget();
        int draws = (int) trials.stream().filter(t -> t.requeuedFrom() == null && t.confirmOf() == null).count();
        Map<TrialState, Long> counts = store.countByState(name);
        Trial best = store.best(name).orElse(null);

        String endReason = null;
        int failuresInARow = failuresInARow(trials);
        if (failuresInARow >= budget.maxConsecutiveFailures()) {
            Trial last = trials.stream().filter(t -> t.state() == TrialState.FAILED)
                    .max(Comparator.comparing(Trial::finishedAt)).orElseThrow();
            endReason = "stopped: the last " + failuresInARow + " trials failed (max_consecutive_failures "
                    + budget.maxConsecutiveFailures() + "); last reason: " + last.failureReason();
        } else if (budget.maxMinutes() != null && elapsedMinutes() >= budget.maxMinutes()) {
            endReason = "wall-time budget of " + budget.maxMinutes() + " minutes reached";
        }
        boolean samplerDone = false;
        if (endReason == null) {
            long waiting = counts.get(TrialState.WAITING);
            List<PastTrial> past = null;
            while (waiting < slots && (budget.maxTrials() == null || draws < budget.maxTrials())) {
                if (past == null) past = PastTrials.of(store, trials, "val_rmse");
                int number = trials.size() + 1;
                Optional<Map<String, Object>> params = plan.sampler().sample(plan.experiment().space(), past,
                        plan.experiment().seed(), number);
                if (params.isEmpty()) {
                    samplerDone = true;
                    break;
                }
                Trial t = store.enqueue(name, params.get());
                trials = new ArrayList<>(trials);
                trials.add(t);
                past = new ArrayList<>(past);
                past.add(new PastTrial(t.number(), t.params(), TrialState.WAITING, null, new double[0]));
                draws++;
                waiting++;
            }
            counts = store.countByState(name);
        }
        boolean queueEmpty = counts.get(TrialState.WAITING) == 0 && counts.get(TrialState.RUNNING) == 0;
        if (endReason == null && queueEmpty) {
            if (budget.maxTrials() != null && draws >= budget.maxTrials()) {
                endReason = "trial budget of " + budget.maxTrials() + " reached";
            } else if (samplerDone) {
                endReason = "the sampler has no new points left: every point of the grid or finite space has been handed out";
            }
        }
        boolean over = endReason != null && (queueEmpty || !endReason.startsWith("trial budget"));
        // the search budget is spent (not failing): winner confirmation may keep the campaign going
        if (over && failuresInARow < budget.maxConsecutiveFailures()) over = !Confirmation.keepsGoing(store, plan, trials);
        return new Status(counts, draws, best, over, endReason, elapsedMinutes());
    }

    /** Trailing FAILED trials by finish time; lost or interrupted trials that were re-queued do not count. */
    static int failuresInARow(List<Trial> trials) {
        List<Trial> finished = trials.stream().filter(t -> t.state().isFinished() && t.finishedAt() != null)
                .sorted(Comparator.comparing(Trial::finishedAt).thenComparingInt(Trial::number)).toList();
        java.util.Set<Long> requeued = new java.util.HashSet<>();
        for (Trial t : trials) if (t.requeuedFrom() != null) requeued.add(t.requeuedFrom());
        int n = 0;
        for (int i = finished.size() - 1; i >= 0; i--) {
            Trial t = finished.get(i);
            if (requeued.contains(t.id())) continue;
            if (t.state() != TrialState.FAILED) break;
            n++;
        }
        return n;
    }
}
