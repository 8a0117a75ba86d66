package dev.lstmtuner.search;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.pruner.NoPruner;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.search.pruner.WilcoxonPruner;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreException;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.store.TrialLostException;
import dev.lstmtuner.train.ModelBundle;
import dev.lstmtuner.train.NativeRuntime;
import dev.lstmtuner.train.Trainer;
import dev.lstmtuner.train.TrialRunner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs one claimed trial and records everything about it: provenance first, every epoch as it ends (with the
 * pruner asked after each; with walk-forward folds, the first fold's epochs, and fold-aware pruning after every
 * fold), then the outcome: COMPLETE with metrics and artifacts, PRUNED with epoch and reason,
 * or FAILED with reason and stack. A heartbeat runs beside the training so a lost worker is noticed. A store error
 * is never the trial's fault: the trial is then interrupted and re-queued (its point is trained again), and a trial
 * reclaimed from this worker meanwhile is dropped; neither counts as FAILED for max_consecutive_failures.
 * Shared by {@code train} (a one-trial campaign) and the search workers, so both record the same way.
 */
public final class TrialExecutor {
    /**
     * How the trial ended. {@code requeued}: not through its own doing (the store failed under it, or it was
     * reclaimed from this worker): its point waits to be trained again, and it never counts as a failure.
     */
    public record Outcome(TrialState state, FinalMetrics metrics, String reason, TrialRunner.Outcome run,
                          boolean requeued) {
        public Outcome(TrialState state, FinalMetrics metrics, String reason, TrialRunner.Outcome run) {
            this(state, metrics, reason, run, false);
        }
    }

    /** What to run and how to judge it. */
    public record Plan(RunConfig config, Pruner pruner, Objective objective, Direction direction, Path artifactDir,
                       boolean keepModel) {
        /** The objective by name ({@code val_rmse}, {@code val_loss}). */
        public Plan(RunConfig config, Pruner pruner, String objective, Direction direction, Path artifactDir,
                    boolean keepModel) {
            this(config, pruner, Objective.parse(objective, "objective"), direction, artifactDir, keepModel);
        }
    }

    private static final Duration PRUNER_NEWS = Duration.ofMillis(500);

    private final Store store;
    private final long heartbeatMillis;
    private final Map<String, CampaignHistory> histories = new HashMap<>();

    public TrialExecutor(Store store, long heartbeatMillis) {
        this.store = store;
        this.heartbeatMillis = heartbeatMillis;
    }

    /**
     * @param prepare gives the data prepared for a config (callers reuse data they already hold)
     * @param listener also told of every epoch (a progress bar), may be null
     */
    public Outcome execute(TrialHandle handle, Plan plan, Function<RunConfig, TrialRunner.Prepared> prepare,
                           EpochListener listener, Trainer.BatchProgress progress) {
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + handle.campaign() + "/" + handle.number());
            t.setDaemon(true);
            return t;
        });
        AtomicReference<TrialLostException> gone = new AtomicReference<>();
        beat.scheduleAtFixedRate(() -> {
            try {
                handle.heartbeat();
            } catch (TrialLostException e) {
                gone.set(e); // cancelled or reclaimed: training stops at its next batch
            } catch (RuntimeException ignored) {
                // the main thread finds out on its next report
            }
        }, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        Trainer.BatchProgress watched = (epoch, batch, batches, start) -> {
            if (gone.get() != null) throw gone.get();
            if (progress != null) progress.onBatch(epoch, batch, batches, start);
        };
        try {
            return run(handle, plan, prepare, listener, watched);
        } catch (OutOfMemoryError e) {
            return failed(handle, outOfMemory(e), e);
        } catch (RuntimeException e) {
            // a store error is never the trial's fault; DL4J may wrap what a listener threw
            TrialLostException lost = causeOf(e, TrialLostException.class);
            if (lost != null) return lost(handle, lost);
            StoreException store = causeOf(e, StoreException.class);
            if (store != null) return requeue(handle, store);
            // DL4J wraps an OutOfMemoryError in its own exceptions ("Error during neural network forward pass")
            OutOfMemoryError oom = outOfMemoryCause(e);
            String reason = oom != null ? outOfMemory(oom) : e.getMessage() == null ? e.toString() : e.getMessage();
            return failed(handle, reason, e);
        } finally {
            beat.shutdownNow();
        }
    }

    /** The trial's own failure: FAILED with its reason. */
    private static Outcome failed(TrialHandle handle, String reason, Throwable e) {
        try {
            handle.fail(reason, stack(e));
        } catch (TrialLostException lost) {
            return lost(handle, lost);
        }
        return new Outcome(TrialState.FAILED, null, reason, null);
    }

    /**
     * No longer this worker's: cancelled by the user (CANCELLED, as the store says), or reclaimed from it (paused or
     * cut off past the stale limit: a copy is queued already).
     */
    private static Outcome lost(TrialHandle handle, TrialLostException e) {
        if (Steering.isCancelled(handle)) return new Outcome(TrialState.CANCELLED, null, "cancelled", null);
        return new Outcome(TrialState.FAILED, null, "dropped, no longer this worker's: " + e.getMessage(), null, true);
    }

    /**
     * The store failed under the trial: it is ended as interrupted with a WAITING copy, so its point is trained
     * again; when even that cannot be written, the error goes to the caller and the stale heartbeat re-queues it.
     */
    private static Outcome requeue(TrialHandle handle, StoreException e) {
        try {
            handle.interrupt("interrupted: the store failed while recording it (" + e.getMessage() + "); re-queued");
        } catch (TrialLostException lost) {
            return lost(handle, lost);
        } catch (RuntimeException stillFailing) {
            e.addSuppressed(stillFailing);
            throw e;
        }
        return new Outcome(TrialState.FAILED, null, e.getMessage(), null, true);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        return null;
    }

    private Outcome run(TrialHandle handle, Plan plan, Function<RunConfig, TrialRunner.Prepared> prepare,
                        EpochListener listener, Trainer.BatchProgress progress) {
        RunConfig c = plan.config();
        TrialRunner.Prepared prepared = prepare.apply(c);
        NativeRuntime.useThreads(c.threads());
        handle.recordProvenance(Provenance.current(ConfigLoader.toJson(c), c.seed(), prepared.fingerprint(),
                prepared.testWindows(), NativeRuntime.backend(), NativeRuntime.deviceRecord(c)));
        // a confirmation run re-trains a finished trial with another seed: it must run to the end to count
        Pruner pruner = plan.pruner() == null || handle.claimed().confirmOf() != null ? null : plan.pruner();
        List<Double> curve = new ArrayList<>();
        List<Double> fidelity = new ArrayList<>();
        EpochListener pruning = m -> {
            curve.add(PastTrials.value(m, metricOf(plan)));
            fidelity.add(m.fidelity());
            // the last epoch is never pruned: the run is complete and its metrics are worth keeping; while the store
            // is unreachable pruning waits (the others' news cannot be read) and training goes on
            if (pruner == null || m.epoch() >= c.maxEpochs() || handle.behind()) return EpochListener.Verdict.CONTINUE;
            // only what changed since the last look; a decision needs at most half a second old news of the others
            CampaignHistory history = histories.computeIfAbsent(handle.campaign() + "/" + metricOf(plan),
                    k -> new CampaignHistory(store, handle.campaign(), metricOf(plan)));
            history.refresh(PRUNER_NEWS);
            double[] values = curve.stream().mapToDouble(Double::doubleValue).toArray();
            // the history holds this trial too: pruners skip it by number, so no copy of the campaign per epoch
            Pruner.Decision d = pruner.shouldPrune(handle.number(), values,
                    fidelity.stream().mapToDouble(Double::doubleValue).toArray(), history.past(), plan.direction());
            return d.prune() ? EpochListener.Verdict.stop(d.reason()) : EpochListener.Verdict.CONTINUE;
        };
        // the store keeps the first fold's curve: the one the epoch pruner and the samplers compare across trials
        EpochListener first = listener == null ? EpochListener.all(handle.epochListener(), pruning)
                : EpochListener.all(handle.epochListener(), listener, pruning);
        EpochListener later = listener == null ? m -> EpochListener.Verdict.CONTINUE : listener;
        TrialRunner.Outcome run = TrialRunner.run(c, prepared, fold -> fold == 1 ? first : later,
                foldPruning(handle, plan, pruner), progress);
        if (run.pruned()) {
            handle.prune(curve.size(), run.stopReason());
            return new Outcome(TrialState.PRUNED, null, run.stopReason(), run);
        }
        FinalMetrics metrics = run.metrics();
        if (plan.artifactDir() != null) {
            handle.addArtifact(artifact(ModelBundle.writePredictions(plan.artifactDir(), run.evaluation().forecast())));
            if (plan.keepModel()) {
                for (ModelBundle.FileInfo f : ModelBundle.writeModel(plan.artifactDir(), run.forecaster(), prepared.dataset(), c)) {
                    handle.addArtifact(artifact(f));
                }
            }
        }
        handle.recordObjectives(ObjectiveValues.of(run));
        handle.complete(metrics, objective(plan.objective(), run));
        return new Outcome(TrialState.COMPLETE, metrics, run.stopReason(), run);
    }

    /** After each fold: stop a trial that is significantly worse than a fixed reference trial on that fold. */
    private TrialRunner.FoldListener foldPruning(TrialHandle handle, Plan plan, Pruner pruner) {
        if (pruner == null || pruner instanceof NoPruner) return TrialRunner.FoldListener.NONE;
        return done -> {
            if (handle.behind()) return EpochListener.Verdict.CONTINUE;
            Optional<Trial> reference = foldReference(handle.campaign());
            if (reference.isEmpty()) return EpochListener.Verdict.CONTINUE;
            Pruner.Decision d = WilcoxonPruner.judge(done, reference.get().metrics().folds(), reference.get().number(),
                    plan.direction());
            return d.prune() ? EpochListener.Verdict.stop(d.reason()) : EpochListener.Verdict.CONTINUE;
        };
    }

    /**
     * The fold pruner's fixed reference: the campaign's first COMPLETE sampled trial with folds, picked before any
     * score was seen (the best trial was chosen on the very blocks it would be compared on).
     */
    private Optional<Trial> foldReference(String campaign) {
        return store.trials(TrialQuery.of(campaign).state(TrialState.COMPLETE).sortBy("number").descending(false)
                        .page(50, 0)).items().stream()
                .filter(t -> t.confirmOf() == null && t.metrics() != null && !t.metrics().folds().isEmpty())
                .findFirst();
    }

    private static Objective metricOf(Plan plan) {
        return plan.objective();
    }

    /** The mean over folds of the best validation score (one fold: the single split's best). */
    static double objective(Objective objective, TrialRunner.Outcome run) {
        return run.objective(objective);
    }

    private static Artifact artifact(ModelBundle.FileInfo f) {
        return new Artifact(f.kind(), f.path().toString(), f.sha256(), f.bytes());
    }

    static OutOfMemoryError outOfMemoryCause(Throwable e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof OutOfMemoryError oom) return oom;
        }
        return null;
    }

    /** The recorded reason: which memory ran out (Java heap or ND4J's native memory) and what to try. */
    static String outOfMemory(OutOfMemoryError e) {
        String what = e.getMessage() == null ? "Java heap space" : e.getMessage();
        boolean heap = what.contains("Java heap");
        return "out of memory: " + what + "; lower batch_size, units or time_steps, or run fewer workers, or give each "
                + "worker more " + (heap ? "heap (LSTM_TUNER_JAVA_OPTS=\"-Xmx2g ...\")"
                : "native memory (LSTM_TUNER_JAVA_OPTS=\"-Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=8G ...\")");
    }

    private static String stack(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
