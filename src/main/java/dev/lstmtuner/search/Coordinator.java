package dev.lstmtuner.search;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.sampler.TakenPoints;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives one campaign: keeps enough WAITING trials in the store for the workers (sampling each from the campaign's
 * past), reclaims trials of lost workers, enforces the budget, and says when and why the campaign is over.
 * Workers are not its business ({@link WorkerPool} runs local ones, {@code lstm-tuner worker} remote ones); it only
 * reads and writes the store, and reads incrementally ({@link CampaignHistory}), so a step costs about the same at
 * 100 and at 100k trials. Only the holder of the campaign's {@link CoordinatorLease} may call {@link #step}.
 */
public final class Coordinator {
    /** Where the campaign stands after a step. */
    public record Status(Map<TrialState, Long> counts, int draws, Trial best, boolean over, String endReason,
                         double elapsedMinutes) {
    }

    private final Store store;
    private final CampaignPlan plan;
    private final int queue;
    private final Duration staleGrace;
    private final long startNanos = System.nanoTime();
    private final double minutesBefore;
    private final CampaignHistory history;
    private final BudgetChange budgets;
    /** The finished trials of the campaign this one warm-started from (empty without a warm start). */
    private final List<PastTrial> warm;
    private final TakenPoints taken;

    /**
     * @param queue         WAITING trials to keep ready (at least as many as trials RUNNING, so extra workers
     *                      that joined from other machines are fed too)
     * @param minutesBefore wall minutes the campaign already ran before this start (a resume counts them)
     */
    public Coordinator(Store store, CampaignPlan plan, int queue, Duration staleGrace, double minutesBefore) {
        this.store = store;
        this.plan = plan;
        this.queue = queue;
        this.staleGrace = staleGrace;
        this.minutesBefore = minutesBefore;
        this.history = new CampaignHistory(store, plan.campaign().name(), plan.experiment().objectives());
        this.budgets = new BudgetChange(store, plan);
        this.warm = WarmTrials.of(store, plan.experiment());
        this.taken = WarmTrials.taken(history.takenPoints(), warm);
    }

    public double elapsedMinutes() {
        return minutesBefore + (System.nanoTime() - startNanos) / 60e9;
    }

    /** One round: reclaim, catch up on what changed, check the budget, top up the queue. Cheap every second. */
    public Status step() {
        String name = plan.campaign().name();
        // a lost worker's trial fails as "worker lost" and a WAITING copy takes its place; no heartbeat could be
        // written while the store was unreachable, so the stale clock starts again when it is back
        if (!store.outageWithin(staleGrace)) store.reclaimStale(staleGrace, true);
        history.refresh();
        Budget budget = budgets.current(); // a resume may have changed it while this coordinator runs
        int draws = history.draws();
        Trial best = store.best(name).orElse(null);

        String endReason = null;
        int failuresInARow = history.failuresInARow();
        if (failuresInARow >= budget.maxConsecutiveFailures()) {
            endReason = "stopped: the last " + failuresInARow + " trials failed (max_consecutive_failures "
                    + budget.maxConsecutiveFailures() + "); last reason: " + history.lastFailureReason();
        } else if (budget.maxMinutes() != null && elapsedMinutes() >= budget.maxMinutes()) {
            endReason = "wall-time budget of " + budget.maxMinutes() + " minutes reached";
        }
        boolean samplerDone = false;
        if (endReason == null) {
            long waiting = history.count(TrialState.WAITING);
            long target = Math.max(queue, history.count(TrialState.RUNNING));
            // sampled one by one (each sees the ones before as pending), written in one transaction
            List<Map<String, Object>> batch = new ArrayList<>();
            List<PastTrial> pending = new ArrayList<>();
            TakenPoints taken = this.taken.layered();
            List<PastTrial> past = WarmTrials.view(warm, new PastView(history.past(), pending, taken), taken);
            while (waiting < target && (budget.maxTrials() == null || draws < budget.maxTrials())) {
                int number = history.size() + pending.size() + 1;
                Optional<Map<String, Object>> params = plan.sampler().sample(plan.experiment().space(), past,
                        plan.experiment().seed(), number);
                if (params.isEmpty()) {
                    samplerDone = true;
                    break;
                }
                batch.add(params.get());
                taken.add(params.get());
                pending.add(new PastTrial(number, params.get(), TrialState.WAITING, null, new double[0]));
                draws++;
                waiting++;
            }
            for (Trial t : store.enqueueAll(name, batch)) history.add(t);
        }
        Map<TrialState, Long> counts = history.counts();
        boolean queueEmpty = counts.get(TrialState.WAITING) == 0 && counts.get(TrialState.RUNNING) == 0;
        if (queueEmpty) {
            // the end is decided on exact counts, not on what the incremental view has seen so far
            counts = store.countByState(name);
            queueEmpty = counts.get(TrialState.WAITING) == 0 && counts.get(TrialState.RUNNING) == 0;
        }
        if (endReason == null && queueEmpty) {
            if (budget.maxTrials() != null && draws >= budget.maxTrials()) {
                endReason = "trial budget of " + budget.maxTrials() + " reached";
            } else if (samplerDone) {
                endReason = "the sampler has no new points left: every point of the grid or finite space has been handed out";
            }
        }
        boolean over = endReason != null && (queueEmpty || !endReason.startsWith("trial budget"));
        // the search budget is spent (not failing): winner confirmation may keep the campaign going
        if (over && failuresInARow < budget.maxConsecutiveFailures()) {
            over = !Confirmation.keepsGoing(store, plan, history, counts);
        }
        return new Status(counts, draws, best, over, endReason, elapsedMinutes());
    }
}
