package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A store in this process's memory, for tests and throw-away runs: same contract as {@link JdbcStore}, one lock
 * around everything, gone when the process ends.
 */
public final class InMemoryStore implements Store {
    final Clock clock;
    private final InMemoryLeases leases;
    private final InMemoryNotes notes;
    private final List<LockboxOpening> lockbox = new ArrayList<>();
    private long nextLockboxId = 1;
    final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    private final Map<Long, Integer> nextNumber = new LinkedHashMap<>();
    final Map<Long, Row> trials = new TreeMap<>();
    private long nextCampaignId = 1;
    private long nextTrialId = 1;

    public InMemoryStore() {
        this(Clock.systemUTC());
    }

    public InMemoryStore(Clock clock) {
        this.clock = clock;
        this.leases = new InMemoryLeases(clock);
        this.notes = new InMemoryNotes(clock);
    }

    /** Mutable trial state behind the lock; callers only ever see {@link Trial} snapshots. */
    static final class Row {
        long id, campaignId;
        String campaign;
        int number;
        TrialState state = TrialState.WAITING;
        String paramsJson;
        Double objective;
        String worker, device, failureReason, failureStack;
        Instant createdAt, startedAt, finishedAt, heartbeatAt, changedAt;
        Integer prunedEpoch;
        Long requeuedFrom, confirmOf;
        FinalMetrics metrics;
        final List<EpochMetrics> epochs = new ArrayList<>();
        final List<Instant> epochTimes = new ArrayList<>();
        final List<Artifact> artifacts = new ArrayList<>();
        Provenance provenance;
        Map<Objective, Double> objectiveValues;

        Trial snapshot() {
            return new Trial(id, campaignId, campaign, number, state, ParamsJson.read(paramsJson), objective, worker,
                    device, createdAt, startedAt, finishedAt, heartbeatAt, prunedEpoch, failureReason, failureStack,
                    requeuedFrom, confirmOf, metrics);
        }
    }

    @Override
    public synchronized Campaign createCampaign(CampaignSpec s) {
        if (campaigns.containsKey(s.name())) throw StoreErrors.campaignExists(s.name());
        Campaign c = new Campaign(nextCampaignId++, s.name(), s.configJson(), s.spaceJson(), s.sampler(), s.pruner(),
                s.budget(), s.objective(), s.direction(), clock.instant(), s.settingsJson(), s.groupName(), null, null);
        campaigns.put(c.name(), c);
        nextNumber.put(c.id(), 1);
        return c;
    }

    @Override
    public synchronized Optional<Campaign> campaign(String name) {
        return Optional.ofNullable(campaigns.get(name));
    }

    Campaign require(String name) {
        Campaign c = campaigns.get(name);
        if (c == null) throw StoreErrors.noCampaign(name);
        return c;
    }

    @Override
    public synchronized List<CampaignSummary> campaigns() {
        List<CampaignSummary> out = new ArrayList<>();
        for (Campaign c : campaigns.values()) {
            out.add(new CampaignSummary(c, countByState(c.name()), best(c.name()).orElse(null)));
        }
        out.sort(Comparator.comparing((CampaignSummary s) -> s.campaign().createdAt())
                .thenComparing(s -> s.campaign().id()).reversed());
        return out;
    }

    @Override
    public synchronized Trial enqueue(String campaign, Map<String, Object> params, Long confirmOf) {
        return insert(require(campaign), ParamsJson.write(params), null, confirmOf).snapshot();
    }

    Row insert(Campaign c, String paramsJson, Long requeuedFrom, Long confirmOf) {
        Row r = new Row();
        r.id = nextTrialId++;
        r.campaignId = c.id();
        r.campaign = c.name();
        r.number = nextNumber.merge(c.id(), 1, Integer::sum) - 1;
        r.paramsJson = paramsJson;
        r.createdAt = r.changedAt = clock.instant();
        r.requeuedFrom = requeuedFrom;
        r.confirmOf = confirmOf;
        trials.put(r.id, r);
        return r;
    }

    @Override
    public synchronized Optional<TrialHandle> claim(long trialId, String worker, String device) {
        Row r = trials.get(trialId);
        if (r == null || r.state != TrialState.WAITING) return Optional.empty();
        r.state = TrialState.RUNNING;
        r.worker = worker;
        r.device = device;
        r.startedAt = r.heartbeatAt = r.changedAt = clock.instant();
        return Optional.of(new InMemoryTrialHandle(this, r.id, r.number, r.campaign));
    }

    @Override
    public synchronized Optional<TrialHandle> claimNext(String campaign, String worker, String device) {
        Campaign c = require(campaign);
        if (c.paused()) return Optional.empty();
        return trials.values().stream()
                .filter(r -> r.campaignId == c.id() && r.state == TrialState.WAITING)
                .min(Comparator.comparingInt(r -> r.number))
                .flatMap(r -> claim(r.id, worker, device));
    }

    @Override
    public synchronized Optional<TrialHandle> claimAny(String worker, String device) {
        return trials.values().stream()
                .filter(r -> r.state == TrialState.WAITING && campaigns.get(r.campaign).endedAt() == null
                        && !campaigns.get(r.campaign).paused())
                .findFirst()
                .flatMap(r -> claim(r.id, worker, device));
    }

    @Override
    public synchronized CampaignChanges changesSince(String campaign, Instant trialsSince, Instant epochsSince) {
        long cid = require(campaign).id();
        Instant now = clock.instant();
        List<Trial> changed = new ArrayList<>();
        Map<Long, List<EpochMetrics>> epochs = new LinkedHashMap<>();
        for (Row r : trials.values()) {
            if (r.campaignId != cid) continue;
            if (trialsSince == null || !r.changedAt.isBefore(trialsSince)) changed.add(r.snapshot());
            for (int i = 0; i < r.epochs.size(); i++) {
                if (epochsSince == null || !r.epochTimes.get(i).isBefore(epochsSince)) {
                    epochs.computeIfAbsent(r.id, k -> new ArrayList<>()).add(r.epochs.get(i));
                }
            }
        }
        changed.sort(Comparator.comparingInt(Trial::number));
        return new CampaignChanges(changed, epochs, now);
    }

    @Override
    public synchronized boolean holdLease(String campaign, String holder, Duration ttl) {
        require(campaign);
        return leases.hold(campaign, holder, ttl);
    }

    @Override
    public synchronized void releaseLease(String campaign, String holder) {
        require(campaign);
        leases.release(campaign, holder);
    }

    @Override
    public synchronized Lease lease(String campaign) {
        require(campaign);
        return leases.get(campaign);
    }

    @Override
    public synchronized Optional<Trial> trial(long trialId) {
        return Optional.ofNullable(trials.get(trialId)).map(Row::snapshot);
    }

    @Override
    public synchronized Optional<Trial> trial(String campaign, int number) {
        Campaign c = campaigns.get(campaign);
        if (c == null) return Optional.empty();
        return trials.values().stream().filter(r -> r.campaignId == c.id() && r.number == number).findFirst()
                .map(Row::snapshot);
    }

    @Override
    public synchronized Page<Trial> trials(TrialQuery q) {
        Campaign c = require(q.campaign());
        SortKey key = SortKey.resolve(q, c, paramNames(c));
        List<Trial> rows = trials.values().stream()
                .filter(r -> r.campaignId == c.id() && (q.state() == null || r.state == q.state()))
                .map(Row::snapshot)
                .filter(t -> key.param() == null || t.params().containsKey(key.param()))
                .sorted(Comparator.comparing(t -> InMemoryPaging.position(t, key), InMemoryPaging.order(key)))
                .toList();
        return InMemoryPaging.page(rows, key, q);
    }

    private List<String> paramNames(Campaign c) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        trials.values().stream().filter(r -> r.campaignId == c.id())
                .forEach(r -> names.addAll(ParamsJson.read(r.paramsJson).keySet()));
        return names.stream().sorted().toList();
    }

    @Override
    public synchronized Optional<Trial> best(String campaign) {
        Campaign c = campaigns.get(campaign);
        if (c == null) return Optional.empty();
        Comparator<Double> d = c.direction() == Direction.MAXIMIZE ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return trials.values().stream()
                .filter(r -> r.campaignId == c.id() && r.state == TrialState.COMPLETE && r.objective != null
                        && r.confirmOf == null)
                .min(Comparator.comparing((Row r) -> r.objective, d).thenComparingInt(r -> r.number))
                .map(Row::snapshot);
    }

    @Override
    public synchronized List<Trial> confirmationRuns(String campaign) {
        Campaign c = campaigns.get(campaign);
        if (c == null) return List.of();
        return trials.values().stream().filter(r -> r.campaignId == c.id() && r.confirmOf != null)
                .sorted(Comparator.comparingInt((Row r) -> r.number)).map(Row::snapshot).toList();
    }

    @Override
    public synchronized Map<Long, List<EpochMetrics>> epochs(Collection<Long> trialIds) {
        Map<Long, List<EpochMetrics>> out = new LinkedHashMap<>();
        for (Long id : trialIds) {
            Row r = trials.get(id);
            if (r != null && !r.epochs.isEmpty()) {
                out.put(id, r.epochs.stream().sorted(Comparator.comparingInt(EpochMetrics::epoch)).toList());
            }
        }
        return out;
    }

    @Override
    public synchronized Map<Long, Map<Objective, Double>> objectiveValues(Collection<Long> trialIds) {
        Map<Long, Map<Objective, Double>> out = new LinkedHashMap<>();
        for (Long id : trialIds) {
            Row r = trials.get(id);
            if (r != null && r.objectiveValues != null) out.put(id, r.objectiveValues);
        }
        return out;
    }

    @Override
    public synchronized Map<TrialState, Long> countByState(String campaign) {
        long cid = require(campaign).id();
        Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) counts.put(s, 0L);
        trials.values().stream().filter(r -> r.campaignId == cid).forEach(r -> counts.merge(r.state, 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized List<String> sortKeys(String campaign) {
        return SortColumn.keysWith(paramNames(require(campaign)));
    }

    @Override
    public synchronized Optional<TrialReport> report(long trialId) {
        Row r = trials.get(trialId);
        if (r == null) return Optional.empty();
        return Optional.of(new TrialReport(r.snapshot(), epochs(List.of(trialId)).getOrDefault(trialId, List.of()),
                List.copyOf(r.artifacts), r.provenance));
    }

    @Override
    public synchronized List<Trial> reclaimStale(Duration grace, boolean requeue) {
        Instant cutoff = clock.instant().minus(grace);
        List<Trial> lost = new ArrayList<>();
        for (Row r : List.copyOf(trials.values())) {
            if (r.state == TrialState.RUNNING && r.heartbeatAt.isBefore(cutoff)) {
                finish(r, TrialState.FAILED);
                r.failureReason = StoreErrors.WORKER_LOST;
                lost.add(r.snapshot());
                if (requeue) insert(campaigns.get(r.campaign), r.paramsJson, r.id, r.confirmOf);
            }
        }
        return lost;
    }

    @Override
    public synchronized void endCampaign(String name, String reason) {
        Campaign c = require(name);
        campaigns.put(name, new Campaign(c.id(), c.name(), c.configJson(), c.spaceJson(), c.sampler(), c.pruner(),
                c.budget(), c.objective(), c.direction(), c.createdAt(), c.settingsJson(), c.groupName(),
                clock.instant(), reason, c.pausedAt()));
    }

    @Override
    public synchronized void reopenCampaign(String name) {
        Campaign c = require(name);
        campaigns.put(name, new Campaign(c.id(), c.name(), c.configJson(), c.spaceJson(), c.sampler(), c.pruner(),
                c.budget(), c.objective(), c.direction(), c.createdAt(), c.settingsJson(), c.groupName(), null, null, c.pausedAt()));
    }

    @Override
    public synchronized boolean pauseCampaign(String name, boolean paused) {
        return InMemorySteering.pause(this, require(name), paused);
    }

    @Override
    public synchronized boolean cancelTrial(long trialId, String reason) {
        return InMemorySteering.cancel(this, trialId, reason);
    }

    @Override
    public synchronized void changeSettings(String name, String settingsJson, Integer budget) {
        InMemorySteering.changeSettings(this, require(name), settingsJson, budget);
    }

    @Override
    public synchronized int deleteCampaign(String name) {
        Campaign c = require(name);
        int before = trials.size();
        trials.values().removeIf(r -> r.campaignId == c.id());
        campaigns.remove(name);
        nextNumber.remove(c.id());
        leases.forget(name);
        notes.forget(name);
        lockbox.removeIf(o -> o.campaign().equals(name));
        return before - trials.size();
    }

    @Override
    public synchronized Note addNote(String campaign, Long trialId, Note.Kind kind, String text) {
        Campaign c = require(campaign);
        if (trialId != null && (!trials.containsKey(trialId) || trials.get(trialId).campaignId != c.id())) {
            throw new BadInputException("campaign '" + campaign + "' has no trial with id " + trialId);
        }
        return notes.add(campaign, trialId, kind, text);
    }

    @Override
    public synchronized List<Note> notes(String campaign) {
        require(campaign);
        return notes.list(campaign);
    }

    @Override
    public synchronized boolean deleteNote(long id) {
        return notes.delete(id);
    }

    @Override
    public synchronized LockboxOpening recordLockbox(String campaign, Long trialId, LockboxOpening.Kind kind,
                                                     boolean reopening, LockboxScore score) {
        require(campaign);
        LockboxOpening o = new LockboxOpening(nextLockboxId++, campaign, trialId, kind, reopening, score,
                clock.instant());
        lockbox.add(o);
        return o;
    }

    @Override
    public synchronized List<LockboxOpening> lockboxOpenings(String campaign) {
        require(campaign);
        return lockbox.stream().filter(o -> o.campaign().equals(campaign)).toList();
    }

    @Override
    public void close() {
        // nothing to release
    }

    void finish(Row r, TrialState state) {
        r.state = state;
        r.finishedAt = r.changedAt = clock.instant();
    }
}
