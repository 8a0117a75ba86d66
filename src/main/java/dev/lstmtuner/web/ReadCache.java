package dev.lstmtuner.web;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers read results for a short time, so many browsers polling a running campaign cost the store one query
 * per key and period instead of one per request. Concurrent misses on a key compute once.
 */
final class ReadCache {
    private static final int MAX_ENTRIES = 2_000;
    private final long ttlMs;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(long expiresAt, Object value) {
    }

    ReadCache(long ttlMs, Clock clock) {
        this.ttlMs = ttlMs;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> load) {
        if (ttlMs <= 0) return load.get();
        long now = clock.millis();
        Entry e = entries.get(key);
        if (e != null && e.expiresAt() > now) return (T) e.value();
        if (entries.size() > MAX_ENTRIES) entries.clear();
        return (T) entries.compute(key, (k, old) ->
                old != null && old.expiresAt() > clock.millis() ? old : new Entry(clock.millis() + ttlMs, load.get())
        ).value();
    }
}
