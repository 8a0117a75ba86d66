package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.TrialRunner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Claims WAITING trials of one campaign (or, with a null campaign, of any open campaign) and runs them until the
 * campaign is over (or, with an idle limit, until no trial has been waiting for that long). Data prepared for one trial is reused by the next when the data,
 * features and window settings are the same. If the process is stopped (Ctrl-C, SIGTERM), the running trial is
 * marked interrupted and a copy re-queued, so nothing is lost.
 */
public final class Worker {
    /** How long a stopping worker waits for an unreachable store to record its interrupted trial. */
    private static final Duration SHUTDOWN_OUTAGE = Duration.ofSeconds(15);
    private final Store store;
    private final String campaign;
    private final String workerId;
    private final String device;
    private final Path artifactsRoot;
    private final Duration heartbeat;
    private final PrintWriter log;
    private final AtomicReference<TrialHandle> running = new AtomicReference<>();
    private final Object interrupting = new Object();
    private volatile boolean stopping;
    private TrialRunner.Prepared cached;
    private RunConfig cachedFor;

    public Worker(Store store, String campaign, String workerId, String device, Path artifactsRoot, Duration heartbeat,
                  PrintWriter log) {
        this.store = store;
        this.campaign = campaign;
        this.workerId = workerId;
        this.device = device;
        this.artifactsRoot = artifactsRoot;
        this.heartbeat = heartbeat;
        this.log = log;
    }

    /** Runs trials until the campaign ends, or until nothing waited for {@code idleLimit} (null = no limit). */
    public int run(Duration idleLimit) {
        if (campaign != null) {
            store.campaign(campaign).orElseThrow(() -> new BadInputException(
                    "no campaign named \"" + campaign + "\" in the store; list them with `lstm-tuner campaigns`"));
        }
        Map<String, CampaignPlan> plans = new HashMap<>();
        TrialExecutor executor = new TrialExecutor(store, heartbeat.toMillis());
        int done = 0;
        long idleSince = System.nanoTime();
        IdlePolls polls = IdlePolls.worker();
        while (!stopping) {
            Optional<TrialHandle> claimed = campaign != null ? store.claimNext(campaign, workerId, device)
                    : store.claimAny(workerId, device);
            if (claimed.isEmpty()) {
                if (campaign != null
                        && store.campaign(campaign).map(Campaign::endedAt).filter(Objects::nonNull).isPresent()) break;
                if (idleLimit != null && System.nanoTime() - idleSince > idleLimit.toNanos()) break;
                sleep(polls.nextWaitMs());
                continue;
            }
            polls.claimed();
            TrialHandle h = claimed.get();
            running.set(h);
            CampaignPlan plan = plans.computeIfAbsent(h.campaign(),
                    name -> CampaignPlan.of(store.campaign(name).orElseThrow()));
            RunConfig config;
            try {
                config = plan.configFor(h.claimed().params(), h.number());
            } catch (RuntimeException e) {
                h.fail(e.getMessage(), null);
                running.set(null);
                continue;
            }
            log.printf("%s: trial %s/%d started: %s%n", workerId, h.campaign(), h.number(), h.claimed().params());
            log.flush();
            TrialExecutor.Outcome o = executor.execute(h, new TrialExecutor.Plan(config, plan.pruner(),
                            plan.experiment().objective(), plan.experiment().direction(),
                            CampaignNames.artifactDir(artifactsRoot, h.campaign(), h.number()), true),
                    this::prepare, null, (e, b, n, t) -> { });
            running.set(null);
            if (o.state() == TrialState.COMPLETE && plan.experiment().keepModels() != null) {
                ModelRetention.keepBest(store, h.campaign(), plan.experiment().keepModels(), ArtifactRoot.of(artifactsRoot));
            }
            // a trial reclaimed from this worker (a pause, a cut link) or one the store failed under: one line, and
            // on to the next; its point is trained again
            log.printf("%s: trial %s/%d %s%s%n", workerId, h.campaign(), h.number(),
                    o.requeued() ? "re-queued" : o.state(), o.reason() == null ? "" : ": " + o.reason());
            log.flush();
            done++;
            idleSince = System.nanoTime();
        }
        // a shutdown hook may be writing the interruption of the last trial: the caller closes the store after it
        synchronized (interrupting) {
            return done;
        }
    }

    /**
     * Called from a shutdown hook: the running trial is marked interrupted and re-queued. {@link #run} returns only
     * after this is done, so the store is not closed under it; an unreachable store is waited for briefly only.
     */
    public void interrupt(String why) {
        synchronized (interrupting) {
            stopping = true;
            TrialHandle h = running.getAndSet(null);
            if (h == null) return;
            store.tolerateOutages(SHUTDOWN_OUTAGE, line -> {
                log.println(workerId + ": " + line);
                log.flush();
            });
            requeueAtExit(h, why);
        }
    }

    private void requeueAtExit(TrialHandle h, String why) {
        // the process serving the shared H2 file may be shutting down at the same moment (Ctrl-C reaches the whole
        // process group): retry for a while, so another process takes the file over and the trial is re-queued
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            try {
                h.interrupt("interrupted: " + why + "; re-queued");
                return;
            } catch (IllegalStateException finishedOrReclaimedMeanwhile) {
                return;
            } catch (RuntimeException storeUnavailable) {
                if (System.nanoTime() > deadline) return; // the stale heartbeat re-queues it on resume
                sleep(250);
            }
        }
    }

    private TrialRunner.Prepared prepare(RunConfig c) {
        if (cached == null || !sameData(cachedFor, c)) {
            cached = null; // let the old windows go before building new ones
            cached = TrialRunner.prepare(c);
            cachedFor = c;
        }
        return cached;
    }

    private static boolean sameData(RunConfig a, RunConfig b) {
        return Objects.equals(a.data(), b.data()) && Objects.equals(a.maxRows(), b.maxRows())
                && Objects.equals(a.from(), b.from()) && Objects.equals(a.to(), b.to())
                && a.gapPolicy().equals(b.gapPolicy()) && a.features().equals(b.features())
                && a.target().equals(b.target()) && a.horizon() == b.horizon() && a.timeSteps() == b.timeSteps()
                && a.split().equals(b.split()) && a.scaler().equals(b.scaler())
                && a.evaluation().equals(b.evaluation()) && Objects.equals(a.lockbox(), b.lockbox())
                && Objects.equals(a.historyDays(), b.historyDays());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
