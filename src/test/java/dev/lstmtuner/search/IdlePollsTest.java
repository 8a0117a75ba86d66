package dev.lstmtuner.search;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdlePollsTest {
    @Test
    void emptyAsksWaitTwiceAsLongEachTimeUpToTheCap() {
        IdlePolls polls = new IdlePolls(Duration.ofMillis(20), Duration.ofMillis(300));
        assertThat(new long[]{polls.nextWaitMs(), polls.nextWaitMs(), polls.nextWaitMs(), polls.nextWaitMs(),
                polls.nextWaitMs(), polls.nextWaitMs()}).containsExactly(20, 40, 80, 160, 300, 300);
    }

    @Test
    void aClaimMakesTheNextEmptyAskShortAgain() {
        IdlePolls polls = new IdlePolls(Duration.ofMillis(20), Duration.ofMillis(300));
        for (int i = 0; i < 5; i++) polls.nextWaitMs();
        polls.claimed();
        assertThat(polls.nextWaitMs()).isEqualTo(20);
        assertThat(polls.nextWaitMs()).isEqualTo(40);
    }

    @Test
    void aCapBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> new IdlePolls(Duration.ofMillis(300), Duration.ofMillis(20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first <= cap");
    }
}
