package dev.lstmtuner.search;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.sampler.TakenPoints;
import dev.lstmtuner.store.CampaignChanges;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A campaign's trials as samplers and pruners see them ({@link PastTrial}s with their curves of one metric), kept
 * current incrementally: the first {@link #refresh} reads the campaign once, every later one only the trials and
 * epoch rows that changed since ({@link Store#changesSince}), and applies them in place (no copy of the campaign per
 * change), so its cost follows what happened since the last look, not the campaign's size. Also keeps what the
 * coordinator asks every step: counts by state, draws (trials that are not re-queued copies), failures in a row,
 * the points handed out (for the samplers, {@link TakenPoints}) and, for winner confirmation, the best sampled
 * trials and which trials already have confirmation runs. Not thread-safe: one owner (a coordinator, a worker).
 */
public final class CampaignHistory {
    /**
     * How far back each refresh looks again (rows seen twice merge). The store's mark already trails every
     * transaction still open ({@link CampaignChanges#now}), so this only covers the moment between a transaction
     * taking its start stamp and the database listing it as open. It was 2 s, which under 100 completions a second
     * re-read 200 trials and 1,000 epoch rows on every coordinator step.
     */
    static final Duration LAG = Duration.ofMillis(250);

    /** A sampled COMPLETE trial with a usable objective, as winner confirmation needs it. */
    public record Ranked(long id, PastTrial trial) {
    }

    /** What the coordinator needs of a trial besides its {@link PastTrial}. */
    private record Seen(long id, int number, TrialState state, Long requeuedFrom, Long confirmOf, Instant finishedAt,
                        String failureReason) {
    }

    private static final Comparator<Seen> BY_FINISH = Comparator.comparing(Seen::finishedAt)
            .thenComparingInt(Seen::number);

    private final Store store;
    private final String campaign;
    private final Objective metric;
    /** The objectives whose values the multi-objective samplers see; a single one needs none. */
    private final Objectives objectives;
    private final Map<Long, Seen> byId = new HashMap<>();
    /** Every trial in number order; updated in place (numbers are dense, so almost every new one appends). */
    private final List<PastTrial> trials = new ArrayList<>();
    private final List<PastTrial> readOnly = Collections.unmodifiableList(trials);
    private final TakenPoints taken = new TakenPoints();
    private final PastView view = new PastView(readOnly, List.of(), taken);
    /** Epochs of trials this history has not seen yet (their epoch rows came first). */
    private final Map<Long, Epochs> unseenCurves = new HashMap<>();
    private final TreeSet<Seen> finished = new TreeSet<>(BY_FINISH);
    private final Set<Long> requeued = new HashSet<>();
    private final Set<Long> confirmed = new HashSet<>();
    private final Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
    /** Built on the first {@link #bestSampled} call, then kept as trials arrive. */
    private TreeSet<Ranked> ranked;
    private Direction rankedDirection;
    private Instant since;
    private int draws;
    private long refreshedNanos;

    /** @param metric the campaign's objective: its per-epoch values are the curves samplers and pruners see */
    public CampaignHistory(Store store, String campaign, Objective metric) {
        this(store, campaign, Objectives.single(metric));
    }

    /** With several objectives, each COMPLETE trial also carries its values of them ({@link PastTrial#values}). */
    public CampaignHistory(Store store, String campaign, Objectives objectives) {
        this.store = store;
        this.campaign = campaign;
        this.metric = objectives.primary();
        this.objectives = objectives;
        for (TrialState s : TrialState.values()) counts.put(s, 0L);
    }

    /** As {@link #refresh}, unless the last refresh is younger than {@code maxAge} (a pruner asked every epoch). */
    public void refresh(Duration maxAge) {
        if (refreshedNanos != 0 && System.nanoTime() - refreshedNanos < maxAge.toNanos()) return;
        refresh();
    }

    /** Reads what changed since the last refresh (everything, the first time). */
    public void refresh() {
        refreshedNanos = System.nanoTime();
        CampaignChanges ch = store.changesSince(campaign, since, since);
        for (Map.Entry<Long, List<EpochMetrics>> e : ch.epochs().entrySet()) mergeEpochs(e.getKey(), e.getValue());
        for (Trial t : ch.trials()) put(t);
        if (objectives.multi()) readValues(ch.trials());
        since = ch.now().minus(LAG);
    }

    /** A trial this process just added (the coordinator's own enqueue), seen before the next refresh. */
    public void add(Trial t) {
        put(t);
    }

    private void put(Trial t) {
        Seen old = byId.get(t.id());
        Seen now = new Seen(t.id(), t.number(), t.state(), t.requeuedFrom(), t.confirmOf(), t.finishedAt(),
                t.failureReason());
        int at = indexOf(t.number());
        Epochs curve;
        if (old != null) {
            counts.merge(old.state(), -1L, Long::sum);
            if (old.finishedAt() != null) finished.remove(old);
            curve = Epochs.of(trials.get(at));
        } else {
            if (t.requeuedFrom() == null && t.confirmOf() == null) draws++; // confirmation runs are not draws
            taken.add(t.params());
            curve = unseenCurves.getOrDefault(t.id(), Epochs.NONE);
            unseenCurves.remove(t.id());
        }
        counts.merge(now.state(), 1L, Long::sum);
        if (now.finishedAt() != null && now.state().isFinished()) finished.add(now);
        if (t.requeuedFrom() != null) requeued.add(t.requeuedFrom());
        if (t.confirmOf() != null) confirmed.add(t.confirmOf());
        byId.put(t.id(), now);
        double[] values = old != null ? trials.get(at).values() : null;
        PastTrial p = curve.of(t.number(), t.params(), t.state(), t.objective(), values);
        if (at >= 0) trials.set(at, p);
        else trials.add(-at - 1, p);
        if (ranked != null) rank(now, p);
    }

    /** The objective values of the COMPLETE trials among {@code changed} that have none yet, in one read. */
    private void readValues(List<Trial> changed) {
        List<Long> ids = new ArrayList<>();
        for (Trial t : changed) {
            if (t.state() == TrialState.COMPLETE && trials.get(indexOf(t.number())).values().length == 0) ids.add(t.id());
        }
        if (ids.isEmpty()) return;
        Map<Long, Map<Objective, Double>> stored = store.objectiveValues(ids);
        for (Map.Entry<Long, Map<Objective, Double>> e : stored.entrySet()) {
            int at = indexOf(byId.get(e.getKey()).number());
            PastTrial p = trials.get(at);
            double[] v = new double[objectives.list().size()];
            for (int k = 0; k < v.length; k++) {
                Double x = e.getValue().get(objectives.list().get(k));
                v[k] = x == null ? Double.NaN : x;
            }
            trials.set(at, Epochs.of(p).of(p.number(), p.params(), p.state(), p.objective(), v));
        }
    }

    /** Where the trial numbered {@code number} is in {@link #trials}, or (-(insertion point) - 1). */
    private int indexOf(int number) {
        int n = trials.size();
        if (n == 0 || trials.get(n - 1).number() < number) return -n - 1; // the usual case: a new highest number
        int lo = 0, hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = trials.get(mid).number();
            if (v < number) lo = mid + 1;
            else if (v > number) hi = mid - 1;
            else return mid;
        }
        return -lo - 1;
    }

    private void mergeEpochs(long trialId, List<EpochMetrics> rows) {
        Seen s = byId.get(trialId);
        int at = s == null ? -1 : indexOf(s.number());
        Epochs c = at >= 0 ? Epochs.of(trials.get(at)) : unseenCurves.getOrDefault(trialId, Epochs.NONE);
        int max = c.values().length;
        for (EpochMetrics m : rows) max = Math.max(max, m.epoch());
        c = c.grown(max);
        for (EpochMetrics m : rows) {
            c.values()[m.epoch() - 1] = metric.ofEpoch(m);
            c.fidelity()[m.epoch() - 1] = m.fidelity();
            c.millis()[m.epoch() - 1] = m.durationMs();
        }
        if (at >= 0) {
            PastTrial p = trials.get(at);
            trials.set(at, c.of(p.number(), p.params(), p.state(), p.objective(), p.values()));
        } else {
            unseenCurves.put(trialId, c);
        }
    }

    /** A trial's epochs as far as seen: objective values, fidelities and wall times (NaN where not seen yet). */
    private record Epochs(double[] values, double[] fidelity, double[] millis) {
        static final Epochs NONE = new Epochs(new double[0], new double[0], new double[0]);

        static Epochs of(PastTrial p) {
            return new Epochs(p.intermediate(), p.fidelity(), p.epochMillis());
        }

        /** Copies at least {@code n} epochs long, padded with NaN. */
        Epochs grown(int n) {
            return new Epochs(padded(values, n), padded(fidelity, n), padded(millis, n));
        }

        private static double[] padded(double[] a, int n) {
            double[] out = Arrays.copyOf(a, Math.max(n, a.length));
            Arrays.fill(out, a.length, out.length, Double.NaN);
            return out;
        }

        PastTrial of(int number, Map<String, Object> params, TrialState state, Double objective, double[] objectives) {
            return new PastTrial(number, params, state, objective, values, objectives, false, fidelity, millis);
        }
    }

    /**
     * Every trial of the campaign in number order: a read-only view that later refreshes and adds update, and that
     * carries the points of its trials for the samplers.
     */
    public List<PastTrial> past() {
        return view;
    }

    /** The points of every trial seen (a sampler's "taken"); {@link TakenPoints#layered} adds a round's draws. */
    public TakenPoints takenPoints() {
        return taken;
    }

    public int size() {
        return trials.size();
    }

    public int draws() {
        return draws;
    }

    public long count(TrialState s) {
        return counts.get(s);
    }

    public Map<TrialState, Long> counts() {
        return new EnumMap<>(counts);
    }

    /**
     * Trailing FAILED trials by finish time; lost or interrupted trials that were re-queued do not count, nor do
     * cancelled ones (the user's decision, neither a failure nor a success).
     */
    public int failuresInARow() {
        int n = 0;
        for (Seen s : finished.descendingSet()) {
            if (requeued.contains(s.id()) || s.state() == TrialState.CANCELLED) continue;
            if (s.state() != TrialState.FAILED) break;
            n++;
        }
        return n;
    }

    /** The reason of the last FAILED trial to finish, or null. */
    public String lastFailureReason() {
        for (Seen s : finished.descendingSet()) if (s.state() == TrialState.FAILED) return s.failureReason();
        return null;
    }

    /** Whether the trial with this id already has confirmation runs (in any state). */
    public boolean hasConfirmationRuns(long trialId) {
        return confirmed.contains(trialId);
    }

    /**
     * The best {@code k} sampled COMPLETE trials (confirmation runs and NaN objectives excluded), best first, ties by
     * number. The first call ranks the campaign once; later trials join the ranking as they arrive.
     */
    public List<Ranked> bestSampled(Direction direction, int k) {
        if (ranked == null || rankedDirection != direction) {
            Comparator<Ranked> byObjective = Comparator.comparingDouble(r -> r.trial().objective());
            if (direction == Direction.MAXIMIZE) byObjective = byObjective.reversed();
            ranked = new TreeSet<>(byObjective.thenComparingInt(r -> r.trial().number()));
            rankedDirection = direction;
            for (Seen s : byId.values()) rank(s, trials.get(indexOf(s.number())));
        }
        return ranked.stream().limit(k).toList();
    }

    /** Every sampled COMPLETE trial (confirmation runs excluded) as it stands now, in number order. */
    public List<Ranked> sampledComplete() {
        List<Ranked> out = new ArrayList<>();
        for (Seen s : byId.values()) {
            PastTrial p = trials.get(indexOf(s.number()));
            if (s.confirmOf() == null && p.isComplete()) out.add(new Ranked(s.id(), p));
        }
        out.sort(Comparator.comparingInt(r -> r.trial().number()));
        return out;
    }

    private void rank(Seen s, PastTrial p) {
        // a finished trial never changes again, so a trial enters the ranking once and never leaves it
        if (s.confirmOf() == null && p.isComplete()) ranked.add(new Ranked(s.id(), p));
    }
}
