package dev.lstmtuner.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        public Clock withZone(java.time.ZoneId zone) {
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
}
