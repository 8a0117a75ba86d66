package dev.lstmtuner.search;

import dev.lstmtuner.store.CampaignChanges;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialState;
import dev.lstmtuner.train.EpochMetrics;

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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A campaign's trials as samplers and pruners see them ({@link PastTrial}s with their curves of one metric), kept
 * current incrementally: the first {@link #refresh} reads the campaign once, every later one only the trials and
 * epoch rows that changed since ({@link Store#changesSince}), so its cost follows what happened since the last
 * look, not the campaign's size. Also keeps what the coordinator asks every step: counts by state, draws (trials
 * that are not re-queued copies) and failures in a row. Not thread-safe: one owner (a coordinator, a worker).
 */
public final class CampaignHistory {
    /**
     * How far back each refresh looks again: rows are stamped with the database clock when written, so a
     * transaction committing up to this long after it stamped them is still seen (rows seen twice merge).
     */
    static final Duration LAG = Duration.ofSeconds(2);

    /** What the coordinator needs of a trial besides its {@link PastTrial}. */
    private record Seen(long id, int number, TrialState state, Long requeuedFrom, Instant finishedAt,
                        String failureReason) {
    }

    private static final Comparator<Seen> BY_FINISH = Comparator.comparing(Seen::finishedAt)
            .thenComparingInt(Seen::number);

    private final Store store;
    private final String campaign;
    private final String metric;
    private final Map<Long, Seen> byId = new HashMap<>();
    private final TreeMap<Integer, PastTrial> byNumber = new TreeMap<>();
    private final Map<Long, double[]> curves = new HashMap<>();
    private final TreeSet<Seen> finished = new TreeSet<>(BY_FINISH);
    private final Set<Long> requeued = new HashSet<>();
    private final Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
    private Instant trialsSince;
    private Instant epochsSince;
    private int draws;
    private long refreshedNanos;
    private List<PastTrial> view;
    private List<PastTrial> readOnlyView;

    /** @param metric the curve samplers and pruners see: val_rmse, val_loss or train_loss */
    public CampaignHistory(Store store, String campaign, String metric) {
        this.store = store;
        this.campaign = campaign;
        this.metric = metric;
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
        CampaignChanges ch = store.changesSince(campaign, trialsSince, epochsSince);
        for (Map.Entry<Long, List<EpochMetrics>> e : ch.epochs().entrySet()) mergeEpochs(e.getKey(), e.getValue());
        for (Trial t : ch.trials()) put(t);
        // epochs of trials this refresh did not see change: their PastTrial gets the longer curve
        for (Long id : ch.epochs().keySet()) {
            Seen s = byId.get(id);
            if (s != null) byNumber.computeIfPresent(s.number(), (n, p) -> withCurve(p, curves.get(id)));
        }
        if (!ch.epochs().isEmpty() || !ch.trials().isEmpty()) view = null;
        Instant next = ch.now().minus(LAG);
        trialsSince = next;
        epochsSince = next;
    }

    /** A trial this process just added (the coordinator's own enqueue), seen before the next refresh. */
    public void add(Trial t) {
        boolean appends = view != null && !byId.containsKey(t.id())
                && (byNumber.isEmpty() || byNumber.lastKey() < t.number());
        put(t);
        // the usual case (a new highest number) extends the view instead of copying the campaign again
        if (appends) view.add(byNumber.get(t.number()));
        else view = null;
    }

    private void put(Trial t) {
        Seen old = byId.get(t.id());
        Seen now = new Seen(t.id(), t.number(), t.state(), t.requeuedFrom(), t.finishedAt(), t.failureReason());
        if (old != null) {
            counts.merge(old.state(), -1L, Long::sum);
            if (old.finishedAt() != null) finished.remove(old);
        } else if (t.requeuedFrom() == null && t.confirmOf() == null) {
            draws++; // confirmation runs are not draws of the search budget
        }
        counts.merge(now.state(), 1L, Long::sum);
        if (now.finishedAt() != null && now.state().isFinished()) finished.add(now);
        if (t.requeuedFrom() != null) requeued.add(t.requeuedFrom());
        byId.put(t.id(), now);
        byNumber.put(t.number(), new PastTrial(t.number(), t.params(), t.state(), t.objective(),
                curves.getOrDefault(t.id(), new double[0])));
    }

    private void mergeEpochs(long trialId, List<EpochMetrics> rows) {
        double[] c = curves.getOrDefault(trialId, new double[0]);
        int max = c.length;
        for (EpochMetrics m : rows) max = Math.max(max, m.epoch());
        if (max > c.length) {
            int from = c.length;
            c = Arrays.copyOf(c, max);
            Arrays.fill(c, from, max, Double.NaN);
        }
        for (EpochMetrics m : rows) c[m.epoch() - 1] = PastTrials.value(m, metric);
        curves.put(trialId, c);
    }

    private static PastTrial withCurve(PastTrial p, double[] curve) {
        return new PastTrial(p.number(), p.params(), p.state(), p.objective(), curve);
    }

    /** Every trial of the campaign in number order (a read-only view that later refreshes and adds update). */
    public List<PastTrial> past() {
        if (view == null) {
            view = new ArrayList<>(byNumber.values());
            readOnlyView = Collections.unmodifiableList(view);
        }
        return readOnlyView;
    }

    public int size() {
        return byNumber.size();
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

    /** Trailing FAILED trials by finish time; lost or interrupted trials that were re-queued do not count. */
    public int failuresInARow() {
        int n = 0;
        for (Seen s : finished.descendingSet()) {
            if (requeued.contains(s.id())) continue;
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
}
