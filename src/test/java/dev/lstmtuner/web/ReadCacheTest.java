package dev.lstmtuner.web;

import java.time.ZoneId;
import java.util.Collections;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadCacheTest {
    private static final class MutableClock extends Clock {
        long ms;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(ms);
        }
    }

    @Test
    void servesTheCachedValueUntilItExpires() {
        MutableClock clock = new MutableClock();
        ReadCache cache = new ReadCache(1000, clock);
        AtomicInteger loads = new AtomicInteger();
        assertThat((Integer) cache.get("k", loads::incrementAndGet)).isEqualTo(1);
        clock.ms = 999;
        assertThat((Integer) cache.get("k", loads::incrementAndGet)).isEqualTo(1);
        clock.ms = 1000;
        assertThat((Integer) cache.get("k", loads::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void aLoaderMayReadOtherKeysAndFailuresAreNotRemembered() {
        ReadCache cache = new ReadCache(1000, new MutableClock());
        String outer = cache.get("outer", () -> "o+" + cache.get("inner", () -> "i"));
        assertThat(outer).isEqualTo("o+i");
        assertThatThrownBy(() -> cache.get("bad", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat((String) cache.get("bad", () -> "fine")).isEqualTo("fine");
    }

    @Test
    void theLeastRecentlyUsedGoOnceTheWeightIsPassedAndExpiredEntriesLeave() {
        MutableClock clock = new MutableClock();
        ReadCache cache = new ReadCache(1000, clock, 100);
        cache.get("a", () -> Collections.nCopies(40, 0));
        cache.get("b", () -> Collections.nCopies(40, 0));
        cache.get("a", () -> List.of()); // a hit: a is now the most recently used
        cache.get("c", () -> Collections.nCopies(40, 0));
        assertThat(cache.weight()).isLessThanOrEqualTo(100);
        AtomicInteger loads = new AtomicInteger();
        cache.get("a", () -> List.of(loads.incrementAndGet()));
        cache.get("b", () -> List.of(loads.incrementAndGet()));
        assertThat(loads.get()).as("b was evicted, a kept").isEqualTo(1);

        clock.ms = 5_000;
        cache.get("d", () -> List.of());
        assertThat(cache.size()).as("only d: every other entry had expired").isEqualTo(1);
        assertThat(cache.weight()).isEqualTo(1);
    }

    @Test
    void oneValueHeavierThanTheWholeBoundIsNotKept() {
        ReadCache cache = new ReadCache(1000, new MutableClock(), 100);
        cache.get("huge", () -> Collections.nCopies(500, 0));
        assertThat(cache.size()).isZero();
        assertThat(cache.weight()).isZero();
    }
}
