package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The live handle of one RUNNING trial of an {@link InMemoryStore}; every write holds the store's lock. */
final class InMemoryTrialHandle implements TrialHandle {
    private final InMemoryStore store;
    private final long id;
    private final int number;
    private final String campaign;

    InMemoryTrialHandle(InMemoryStore store, long id, int number, String campaign) {
        this.store = store;
        this.id = id;
        this.number = number;
        this.campaign = campaign;
    }

    private InMemoryStore.Row running() {
        InMemoryStore.Row r = store.trials.get(id);
        if (r == null) throw new TrialLostException("trial " + campaign + "/" + number + " was deleted");
        if (r.state != TrialState.RUNNING) throw StoreErrors.notRunning(campaign + "/" + number, r.state);
        return r;
    }

    @Override
    public long trialId() {
        return id;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String campaign() {
        return campaign;
    }

    @Override
    public void reportEpoch(EpochMetrics epoch) {
        synchronized (store) {
            InMemoryStore.Row r = running();
            if (r.epochs.stream().anyMatch(e -> e.epoch() == epoch.epoch())) {
                throw new IllegalStateException("epoch " + epoch.epoch() + " of trial " + campaign + "/" + number
                        + " was already reported");
            }
            r.epochs.add(epoch);
            r.epochTimes.add(store.clock.instant());
            r.heartbeatAt = store.clock.instant();
        }
    }

    @Override
    public void heartbeat() {
        synchronized (store) {
            running().heartbeatAt = store.clock.instant();
        }
    }

    @Override
    public void recordProvenance(Provenance provenance) {
        synchronized (store) {
            running().provenance = provenance;
        }
    }

    @Override
    public void addArtifact(Artifact artifact) {
        synchronized (store) {
            running().artifacts.add(artifact);
        }
    }

    @Override
    public void recordObjectives(Map<Objective, Double> values) {
        synchronized (store) {
            Map<Objective, Double> kept = new EnumMap<>(Objective.class);
            values.forEach((o, v) -> kept.put(o, v == null || v.isNaN() ? null : v));
            running().objectiveValues = Collections.unmodifiableMap(kept);
        }
    }

    @Override
    public void complete(FinalMetrics metrics, double objective) {
        synchronized (store) {
            InMemoryStore.Row r = running();
            r.metrics = metrics;
            r.objective = objective;
            store.finish(r, TrialState.COMPLETE);
        }
    }

    @Override
    public void prune(int epoch, String reason) {
        synchronized (store) {
            InMemoryStore.Row r = running();
            r.prunedEpoch = epoch;
            r.failureReason = reason;
            store.finish(r, TrialState.PRUNED);
        }
    }

    @Override
    public void fail(String reason, String stack) {
        synchronized (store) {
            InMemoryStore.Row r = running();
            r.failureReason = reason;
            r.failureStack = stack;
            store.finish(r, TrialState.FAILED);
        }
    }

    @Override
    public void interrupt(String reason) {
        synchronized (store) {
            InMemoryStore.Row r = running();
            r.failureReason = reason;
            store.finish(r, TrialState.FAILED);
            store.insert(store.campaigns.get(r.campaign), r.paramsJson, r.id, r.confirmOf);
        }
    }

    @Override
    public Trial snapshot() {
        synchronized (store) {
            return store.trials.get(id).snapshot();
        }
    }
}
