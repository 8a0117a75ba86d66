package dev.lstmtuner.search;

import dev.lstmtuner.analysis.LockboxVerdict;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.LockboxOpening;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class LockboxGuardTest {
    private static final RunConfig WITH_LOCKBOX = ConfigLoader.withOverrides(RunConfig.DEFAULTS,
            Map.of("lockbox", Map.of("fraction", 0.1)), "test");

    private final Store store = new InMemoryStore();
    private final List<Integer> scored = new ArrayList<>();
    private final LockboxGuard.Scorer scorer = (config, number, epochs) -> {
        scored.add(number);
        return new LockboxScore(number, 9.0, 10.0, 0.1, -3.0, 0.003, 500, 0, 1, epochs);
    };

    private Trial trial() {
        return store.enqueue("c", Map.of("lr", 0.1));
    }

    private void campaign() {
        store.createCampaign(new CampaignSpec("c", "{}", "{}", "random", "none", 5, "val_rmse", Direction.MINIMIZE,
                "{}", null));
    }

    @Test
    void theLockboxIsScoredOnceAndAgainOrForAnotherTrialOnlyWithReopenWhichIsCounted() {
        campaign();
        Trial winner = trial(), other = trial();
        assertThat(LockboxGuard.opened(store, "c")).isFalse();
        LockboxGuard.score(store, "c", winner, WITH_LOCKBOX, false, scorer);
        assertThat(LockboxGuard.opened(store, "c")).isTrue();
        assertThatThrownBy(() -> LockboxGuard.score(store, "c", winner, WITH_LOCKBOX, false, scorer))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--reopen-lockbox");
        assertThatThrownBy(() -> LockboxGuard.score(store, "c", other, WITH_LOCKBOX, false, scorer))
                .isInstanceOf(BadInputException.class).hasMessageContaining("scoring trial #2 on it");
        assertThat(scored).containsExactly(1);
        assertThat(LockboxVerdict.of(store.lockboxOpenings("c")).orElseThrow().headline())
                .contains("trial #1 beats persistence (p = 0.00300)").contains("never reopened");

        LockboxGuard.score(store, "c", other, WITH_LOCKBOX, true, scorer);
        assertThat(scored).containsExactly(1, 2);
        LockboxVerdict v = LockboxVerdict.of(store.lockboxOpenings("c")).orElseThrow();
        assertThat(v.score().trialNumber()).isEqualTo(2);
        assertThat(v.headline()).contains("lockbox reopened 1×");
    }

    @Test
    void aResumeAfterTheLockboxWasOpenedIsRefusedOrCountedAsOneReopeningWithTheScoreThatEndsIt() {
        campaign();
        Trial winner = trial();
        LockboxGuard.beforeResume(store, "c", false); // unopened: nothing to refuse, nothing recorded
        assertThat(store.lockboxOpenings("c")).isEmpty();
        LockboxGuard.score(store, "c", winner, WITH_LOCKBOX, false, scorer);
        assertThatThrownBy(() -> LockboxGuard.beforeResume(store, "c", false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("adding trials");
        LockboxGuard.beforeResume(store, "c", true);
        LockboxGuard.score(store, "c", trial(), WITH_LOCKBOX, true, scorer);
        assertThat(store.lockboxOpenings("c")).extracting(LockboxOpening::kind, LockboxOpening::reopening)
                .containsExactly(tuple(LockboxOpening.Kind.SCORE, false),
                        tuple(LockboxOpening.Kind.RESUME, true),
                        tuple(LockboxOpening.Kind.SCORE, false));
        assertThat(LockboxVerdict.of(store.lockboxOpenings("c")).orElseThrow().reopenings()).isEqualTo(1);
        // a forced rescore after that is a second reopening
        LockboxGuard.score(store, "c", winner, WITH_LOCKBOX, true, scorer);
        assertThat(LockboxVerdict.of(store.lockboxOpenings("c")).orElseThrow().headline()).contains("lockbox reopened 2×");
    }

    @Test
    void aCampaignWithoutALockboxCannotBeScoredOnOne() {
        campaign();
        assertThatThrownBy(() -> LockboxGuard.score(store, "c", trial(), RunConfig.DEFAULTS, false, scorer))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has no lockbox");
        assertThat(scored).isEmpty();
    }
}
