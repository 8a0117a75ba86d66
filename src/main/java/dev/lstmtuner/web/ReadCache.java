package dev.lstmtuner.web;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers read results for a short time, so many browsers polling a running campaign cost the store one query
 * per key and period instead of one per request. Concurrent misses on a key wait for one load; a loader may itself
 * read other keys. Failed loads are not remembered.
 */
final class ReadCache {
    private static final int MAX_ENTRIES = 2_000;
    private final long ttlMs;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(long expiresAt, CompletableFuture<Object> value) {
    }

    ReadCache(long ttlMs, Clock clock) {
        this.ttlMs = ttlMs;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> load) {
        if (ttlMs <= 0) return load.get();
        long now = clock.millis();
        Entry current = entries.get(key);
        if (current != null && current.expiresAt() > now) return (T) join(current.value());
        if (entries.size() > MAX_ENTRIES) entries.clear();
        Entry mine = new Entry(now + ttlMs, new CompletableFuture<>());
        boolean owned = current == null ? entries.putIfAbsent(key, mine) == null : entries.replace(key, current, mine);
        if (!owned) {
            Entry other = entries.get(key);
            if (other != null && other.expiresAt() > now) return (T) join(other.value());
            return load.get(); // lost a race with an expiring entry: read through once
        }
        try {
            T v = load.get();
            mine.value().complete(v);
            return v;
        } catch (RuntimeException e) {
            entries.remove(key, mine);
            mine.value().completeExceptionally(e);
            throw e;
        }
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
