package dev.lstmtuner.web;

import java.util.Optional;
import dev.lstmtuner.analysis.Predictions;
import java.time.Clock;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Remembers read results for a short time, so many browsers polling a running campaign cost the store one query
 * per key and period instead of one per request. Concurrent misses on a key wait for one load; a loader may itself
 * read other keys. Failed loads are not remembered. The cache is bounded by weight (about one unit per row held),
 * not by entry count: the least recently used entries go first once {@link #MAX_WEIGHT} is passed, and expired
 * ones go as soon as anything new is stored, so a burst of large pages cannot pin memory. CSV downloads are never
 * cached (see {@link LeaderboardService#trialsForDownload}).
 */
final class ReadCache {
    /** About 100k leaderboard rows (or prediction points) across all entries. */
    static final long MAX_WEIGHT = 100_000;
    private final long ttlMs;
    private final Clock clock;
    private final long maxWeight;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true); // access order: LRU
    private long weight;

    private static final class Entry {
        final long expiresAt;
        final CompletableFuture<Object> value = new CompletableFuture<>();
        long weight;

        Entry(long expiresAt) {
            this.expiresAt = expiresAt;
        }
    }

    ReadCache(long ttlMs, Clock clock) {
        this(ttlMs, clock, MAX_WEIGHT);
    }

    ReadCache(long ttlMs, Clock clock, long maxWeight) {
        this.ttlMs = ttlMs;
        this.clock = clock;
        this.maxWeight = maxWeight;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> load) {
        if (ttlMs <= 0) return load.get();
        Entry mine = null, hit = null;
        synchronized (this) {
            long now = clock.millis();
            Entry current = entries.get(key);
            if (current != null && current.expiresAt > now) {
                hit = current;
            } else {
                dropExpired(now);
                mine = new Entry(now + ttlMs);
                entries.put(key, mine);
            }
        }
        if (hit != null) return (T) join(hit.value); // outside the lock: a load in progress completes under it
        T v;
        try {
            v = load.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                if (entries.remove(key, mine)) weight -= mine.weight;
            }
            mine.value.completeExceptionally(e);
            throw e;
        }
        mine.value.complete(v);
        synchronized (this) {
            if (entries.get(key) == mine) {
                mine.weight = weigh(v);
                weight += mine.weight;
                while (weight > maxWeight && !entries.isEmpty()) {
                    Iterator<Entry> eldest = entries.values().iterator();
                    weight -= eldest.next().weight;
                    eldest.remove();
                }
            }
        }
        return v;
    }

    /** Entries held now (tests). */
    synchronized int size() {
        return entries.size();
    }

    /** Total weight held now (tests). */
    synchronized long weight() {
        return weight;
    }

    private void dropExpired(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.expiresAt <= now && e.value.isDone()) {
                weight -= e.weight;
                it.remove();
            }
        }
    }

    /** One unit per row, point or element held, at least one. */
    static long weigh(Object v) {
        if (v instanceof TrialPage p) return 1 + p.items().size();
        if (v instanceof Predictions p) return 1 + p.size();
        if (v instanceof Collection<?> c) return 1 + c.size();
        if (v instanceof Map<?, ?> m) return 1 + m.size();
        if (v instanceof Optional<?> o) return o.map(ReadCache::weigh).orElse(1L);
        return 1;
    }

    private static Object join(CompletableFuture<Object> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }
}
