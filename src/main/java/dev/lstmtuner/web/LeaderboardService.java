package dev.lstmtuner.web;

import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.LockboxVerdict;
import dev.lstmtuner.analysis.Headline;
import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.ConfirmedRanking;
import dev.lstmtuner.analysis.SymbolLabel;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.CampaignSummary;
import dev.lstmtuner.store.SortColumn;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Read-only queries behind the API, cached for {@code ttlMs} so polling browsers never slow a running search.
 * Sorting and paging happen in the store; only filtered requests (symbol, ranges, diagnosis) scan the store's
 * sorted pages.
 */
public final class LeaderboardService {
    /** Page size when scanning a whole campaign. */
    static final int SCAN_PAGE = 5_000;
    /** How many trials after an interrupted one are searched for its re-queued copy. */
    static final int REQUEUE_WINDOW = 50;
    /** Trial ids per epochs read. */
    static final int EPOCH_CHUNK = 500;
    private final Store store;
    private final ReadCache cache;
    private final TrialDiagnoses diagnoses;
    /** Each campaign's verdicts with the COMPLETE count they were computed at. */
    private final Map<String, Map.Entry<Long, CampaignVerdicts>> verdictsByCount = new ConcurrentHashMap<>();
    private final ArtifactRoot artifacts;
    private final PageVerdicts pageVerdicts = new PageVerdicts(this, PageVerdicts.SYNC_LIMIT);

    public LeaderboardService(Store store, long ttlMs) {
        this(store, ttlMs, ArtifactRoot.UNCONFINED);
    }

    /** Artifact files (predictions for the diagnoses) are read only if they resolve under {@code artifacts}. */
    public LeaderboardService(Store store, long ttlMs, ArtifactRoot artifacts) {
        this(store, ttlMs, Clock.systemUTC(), artifacts);
    }

    LeaderboardService(Store store, long ttlMs, Clock clock) {
        this(store, ttlMs, clock, ArtifactRoot.UNCONFINED);
    }

    LeaderboardService(Store store, long ttlMs, Clock clock, ArtifactRoot artifacts) {
        this.store = store;
        this.cache = new ReadCache(ttlMs, clock);
        this.artifacts = artifacts;
        this.diagnoses = new TrialDiagnoses(this);
    }

    ArtifactRoot artifacts() {
        return artifacts;
    }

    Store store() {
        return store;
    }

    ReadCache cache() {
        return cache;
    }

    TrialDiagnoses diagnoses() {
        return diagnoses;
    }

    public List<CampaignRow> campaigns(String symbol) {
        List<CampaignRow> all = cache.get("campaigns", () -> store.campaigns().stream().map(this::row).toList());
        if (symbol == null || symbol.isBlank()) return all;
        return all.stream().filter(c -> c.symbol().equalsIgnoreCase(symbol.trim())).toList();
    }

    private CampaignRow row(CampaignSummary s) {
        Optional<BestTrial> best = best(s.campaign());
        if (s.campaign().endedAt() != null) return CampaignRow.of(s, TrialRow.time(s.campaign().endedAt()), best);
        String ended = null;
        long inFlight = s.counts().getOrDefault(TrialState.RUNNING, 0L) + s.counts().getOrDefault(TrialState.WAITING, 0L);
        if (inFlight == 0 && s.total() > 0) {
            // the latest of each final state's highest-numbered trial: trials are numbered as they are queued
            Instant latest = null;
            for (TrialState st : new TrialState[]{TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAILED}) {
                if (s.counts().getOrDefault(st, 0L) == 0) continue;
                for (Trial t : store.trials(TrialQuery.of(s.campaign().name()).sortBy(SortColumn.NUMBER.key())
                        .descending(true).state(st).page(1, 0)).items()) {
                    if (t.finishedAt() != null && (latest == null || t.finishedAt().isAfter(latest))) latest = t.finishedAt();
                }
            }
            ended = TrialRow.time(latest);
        }
        return CampaignRow.of(s, ended, best);
    }

    public Campaign requireCampaign(String name) {
        return cache.get("campaign|" + name, () -> store.campaign(name)).orElseThrow(() ->
                ApiException.notFound("no campaign named '" + name + "'"));
    }

    public CampaignRow campaign(String name) {
        requireCampaign(name);
        return campaigns(null).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseGet(() -> store.campaigns().stream().filter(s -> s.campaign().name().equals(name))
                        .map(this::row).findFirst().orElseThrow(() -> ApiException.notFound("no campaign named '" + name + "'")));
    }

    /**
     * The lockbox verdict (the campaign's headline when present), or null while the lockbox is unopened or absent:
     * the trial scored, its skill and Diebold–Mariano p on the lockbox windows, the verdict in words, when it was
     * opened and how often reopened.
     */
    public Map<String, Object> lockbox(String campaign) {
        requireCampaign(campaign);
        return LockboxVerdict.of(cache.get("lockbox|" + campaign, () -> store.lockboxOpenings(campaign))).map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("headline", v.headline());
            m.put("trial_number", v.score().trialNumber());
            m.put("verdict", v.verdict().kind().name().toLowerCase(Locale.ROOT));
            m.put("skill", TrialRow.finite(v.score().skill()));
            m.put("p_value", v.score().pValue());
            m.put("windows", v.score().windows());
            m.put("opened_at", v.openedAt().toString());
            m.put("reopenings", v.reopenings());
            return m;
        }).orElse(null);
    }

    /**
     * The banner's lines, most authoritative first ({@link Headline}): the lockbox verdict when there is one, then
     * the campaign-wide test; the per-trial corrected verdicts are the rows'.
     */
    public List<String> headline(String campaign) {
        Optional<String> lockbox = LockboxVerdict.of(cache.get("lockbox|" + campaign, () -> store.lockboxOpenings(campaign)))
                .map(LockboxVerdict::headline);
        return new Headline(lockbox, verdicts(campaign), null).lines();
    }

    /** The whitelist of sort and range keys: metric keys then param names. */
    public List<String> sortKeys(String campaign) {
        requireCampaign(campaign);
        return cache.get("keys|" + campaign, () -> store.sortKeys(campaign));
    }

    public List<String> paramNames(String campaign) {
        return sortKeys(campaign).stream().filter(k -> SortColumn.byKey(k).isEmpty()).toList();
    }

    public TrialPage trials(TrialsRequest r) {
        Campaign c = requireCampaign(r.campaign());
        checkFilters(r, c);
        return cache.get(r.cacheKey(), () -> load(r, c));
    }

    /** As {@link #trials}, never cached: a CSV download may hold 100k rows, read once. */
    public TrialPage trialsForDownload(TrialsRequest r) {
        Campaign c = requireCampaign(r.campaign());
        checkFilters(r, c);
        return load(r, c);
    }

    /** Refuses a sort or range key that is neither a metric nor one of the campaign's params (400 naming it). */
    void checkFilters(TrialsRequest r, Campaign c) {
        List<String> keys = sortKeys(r.campaign());
        if (r.sort() != null && !keys.contains(r.sort()) && !r.sort().equals(c.objective())) {
            throw ApiException.badParameter("sort", "cannot sort by '" + r.sort() + "': use one of " + String.join(", ", keys));
        }
        for (String k : r.ranges().keySet()) {
            if (!keys.contains(k)) {
                throw ApiException.badParameter("min." + k, "cannot filter by '" + k + "': use one of " + String.join(", ", keys));
            }
        }
    }

    /**
     * Every trial of the campaign that passes the request's state, symbol, range and diagnosis filters, in number
     * order.
     */
    List<Trial> matching(TrialsRequest r, Campaign c) {
        String symbol = SymbolLabel.of(c);
        return allTrials(r.campaign()).stream().filter(t -> (r.state() == null || t.state() == r.state())
                && matches(t, r, symbol) && diagnosed(t, r, c)).toList();
    }

    /** Whether the trial has the request's diagnosis (true when the request names none). */
    private boolean diagnosed(Trial t, TrialsRequest r, Campaign c) {
        return r.diagnosis() == null || diagnoses.has(t, r.diagnosis(), c);
    }

    /** The last recorded epoch of each trial that has one (read in chunks). */
    Map<Long, EpochMetrics> lastEpochs(List<Trial> trials) {
        Map<Long, EpochMetrics> out = new HashMap<>();
        List<Long> ids = trials.stream().map(Trial::id).toList();
        for (int from = 0; from < ids.size(); from += EPOCH_CHUNK) {
            store.epochs(ids.subList(from, Math.min(ids.size(), from + EPOCH_CHUNK))).forEach((id, curve) -> {
                if (!curve.isEmpty()) out.put(id, curve.get(curve.size() - 1));
            });
        }
        return out;
    }

    /**
     * The campaign-wide verdicts (SPA, Holm per trial, direction tests). Computing them reads every COMPLETE trial's
     * predictions file, so they are recomputed only when the number of COMPLETE trials changed (one count query per
     * cache period), not on every poll.
     */
    public CampaignVerdicts verdicts(String campaign) {
        requireCampaign(campaign);
        return cache.get("verdicts|" + campaign, () -> {
            long complete = store.countByState(campaign).getOrDefault(TrialState.COMPLETE, 0L);
            Map.Entry<Long, CampaignVerdicts> known = verdictsByCount.get(campaign);
            if (known != null && known.getKey() == complete) return known.getValue();
            CampaignVerdicts v = CampaignVerdicts.of(store, campaign, artifacts);
            verdictsByCount.put(campaign, Map.entry(complete, v));
            return v;
        });
    }

    /**
     * The campaign's confirmation ranking on fresh seeds, over all its confirmation runs (the store's confirm_of
     * index, not a scan), cached like every read.
     */
    public ConfirmedRanking confirmation(String campaign) {
        Campaign c = requireCampaign(campaign);
        return cache.get("confirm|" + campaign, () -> BestTrial.confirmation(store, c));
    }

    /** The confirmed trials as the API shows them, ranked first. */
    public List<ConfirmationRow> confirmations(String campaign) {
        ConfirmedRanking r = confirmation(campaign);
        return r.arms().stream().map(a -> ConfirmationRow.of(a, r)).toList();
    }

    /** THE best trial of the campaign ({@link BestTrial}): the ★, the banner and the campaigns page all show it. */
    public Optional<BestTrial> best(String campaign) {
        return best(requireCampaign(campaign));
    }

    private Optional<BestTrial> best(Campaign c) {
        return cache.get("best|" + c.name(), () -> BestTrial.of(c, confirmation(c.name()), store.best(c.name()),
                BestTrial.arms(store, c)));
    }

    /**
     * Unfiltered pages come from the store, by keyset after a cursor's position (by offset otherwise), and their
     * next cursor is the last row's position. Filtered pages are cut from a scan of the campaign's sorted pages
     * and their next cursor is an offset into the matches.
     */
    private TrialPage load(TrialsRequest r, Campaign c) {
        TrialQuery q = new TrialQuery(r.campaign(), r.sort(), r.descending(), r.state(), r.limit(),
                r.after() == null ? r.offset() : 0, r.after());
        List<Trial> items;
        long total;
        String next;
        if (!r.filtered()) {
            Page<Trial> p = store.trials(q);
            items = p.items();
            total = p.total();
            next = p.next() == null ? null : Cursor.encode(r, p.next(), r.offset() + items.size());
        } else {
            String campaignSymbol = SymbolLabel.of(c);
            List<Trial> matches = new ArrayList<>();
            for (Page<Trial> p = store.trials(q.after(null, SCAN_PAGE)); ; p = store.trials(q.after(p.next(), SCAN_PAGE))) {
                for (Trial t : p.items()) if (matches(t, r, campaignSymbol) && diagnosed(t, r, c)) matches.add(t);
                if (p.next() == null) break;
            }
            total = matches.size();
            int from = Math.min(r.offset(), matches.size());
            items = matches.subList(from, Math.min(matches.size(), from + r.limit()));
            next = r.offset() + r.limit() < total ? Cursor.encode(r, null, r.offset() + r.limit()) : null;
        }
        Long best = best(c).map(b -> b.trial().id()).orElse(null);
        List<String> keys = sortKeys(r.campaign());
        return new TrialPage(r.campaign(), r.sort() == null ? SortColumn.OBJECTIVE.key() : r.sort(),
                r.descending() == null ? "best" : r.descending() ? "desc" : "asc", total, r.offset(), r.limit(),
                next, best, rows(items, c.objective()),
                keys.stream().filter(k -> SortColumn.byKey(k).isEmpty()).toList(),
                SortColumn.keys().stream().filter(k -> !k.equals("number")).toList());
    }

    /**
     * Rows with the last recorded value of every trial that has no objective (one epochs read for the page) and the
     * re-queued copy of every interrupted one.
     */
    List<TrialRow> rows(List<Trial> items, Objective objective) {
        Map<Long, EpochMetrics> last = lastEpochs(items.stream()
                .filter(t -> t.objective() == null && t.state() != TrialState.WAITING).toList());
        // a page's rows take the page verdicts: a large campaign's are computed off the request (PageVerdicts)
        CampaignVerdicts v = items.stream().anyMatch(t -> t.state() == TrialState.COMPLETE && t.confirmOf() == null)
                ? pageVerdicts.get(items.get(0).campaign()) : null;
        return items.stream().map(t -> row(t, last.containsKey(t.id()) ? List.of(last.get(t.id())) : null,
                TrialRow.interrupted(t) ? requeuedAs(t) : null, objective, v)).toList();
    }

    /**
     * A trial as every page shows it: the verdict word and its green from the campaign-wide correction (never from
     * the raw p alone) and the direction test beside its direction accuracy, for the campaign's COMPLETE sampled
     * trials (the campaign's verdicts are computed only when such a trial is shown).
     */
    TrialRow row(Trial t, List<EpochMetrics> curve, Long requeuedAs, Objective objective) {
        boolean tested = t.state() == TrialState.COMPLETE && t.confirmOf() == null;
        return row(t, curve, requeuedAs, objective, tested ? verdicts(t.campaign()) : null);
    }

    /** A trial as a leaderboard page shows it, with the page verdicts (a large campaign's computed off the request). */
    TrialRow pageRow(Trial t) {
        boolean tested = t.state() == TrialState.COMPLETE && t.confirmOf() == null;
        return row(t, null, null, null, tested ? pageVerdicts.get(t.campaign()) : null);
    }

    private static TrialRow row(Trial t, List<EpochMetrics> curve, Long requeuedAs, Objective objective,
                                CampaignVerdicts campaign) {
        CampaignVerdicts v = t.state() == TrialState.COMPLETE && t.confirmOf() == null ? campaign : null;
        return TrialRow.of(t, curve, requeuedAs, objective, v == null ? null : v.trial(t.number()).orElse(null),
                v == null ? null : v.direction(t.number()).orElse(null));
    }

    /**
     * The copy that re-runs an interrupted trial: it is queued right after the interruption, so it is among the next
     * trials by number (numbers are dense); null when not found there.
     */
    Long requeuedAs(Trial t) {
        return cache.get("requeued|" + t.id(), () -> {
            Page<Trial> after = store.trials(TrialQuery.of(t.campaign()).sortBy(SortColumn.NUMBER.key()).descending(false)
                    .page(REQUEUE_WINDOW, t.number()));
            return after.items().stream().filter(x -> Objects.equals(x.requeuedFrom(), t.id())).map(Trial::id)
                    .findFirst().orElse(null);
        });
    }

    static boolean matches(Trial t, TrialsRequest r, String campaignSymbol) {
        if (r.symbol() != null && !SymbolLabel.of(t, campaignSymbol).equalsIgnoreCase(r.symbol())) return false;
        for (Map.Entry<String, Double[]> e : r.ranges().entrySet()) {
            Double v = value(t, e.getKey());
            if (v == null) return false;
            Double lo = e.getValue()[0], hi = e.getValue()[1];
            if (lo != null && v < lo || hi != null && v > hi) return false;
        }
        return true;
    }

    /** A trial's numeric value for a sort key (metric or param); null when absent or not a number. */
    static Double value(Trial t, String key) {
        if (key.equals(SortColumn.OBJECTIVE.key())) return t.objective();
        if (key.equals(SortColumn.NUMBER.key())) return (double) t.number();
        if (SortColumn.byKey(key).isPresent()) return TrialRow.metrics(t).get(key);
        Object p = t.params().get(key);
        return p instanceof Number n ? n.doubleValue() : null;
    }

    /** Every trial of the campaign in number order, cached (charts, importance). */
    public List<Trial> allTrials(String campaign) {
        requireCampaign(campaign);
        return cache.get("all|" + campaign, () -> {
            Map<Long, Trial> out = new HashMap<>();
            TrialQuery q = TrialQuery.of(campaign).sortBy(SortColumn.NUMBER.key()).descending(false);
            // keyset pages: each read starts where the last ended, so the scan costs the campaign once
            for (Page<Trial> p = store.trials(q.after(null, SCAN_PAGE)); ; p = store.trials(q.after(p.next(), SCAN_PAGE))) {
                // a trial finishing mid-scan moves between rank classes: keep one copy of each
                p.items().forEach(t -> out.put(t.id(), t));
                if (p.next() == null) break;
            }
            return out.values().stream().sorted(Comparator.comparingInt(Trial::number)).toList();
        });
    }

    public Trial trial(long id) {
        return cache.get("trial|" + id, () -> store.trial(id)).orElseThrow(() ->
                ApiException.notFound("no trial with id " + id));
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return Objects.equals(a, b);
    }
}
