package dev.lstmtuner.analysis;

import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.web.WebFixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignVerdictsTest {
    @TempDir
    Path dir;

    @Test
    void usesEveryCompleteSampledTrialOnTheirCommonWindowsAndLeavesConfirmationRunsOut() throws IOException {
        Store store = new InMemoryStore();
        WebFixture.campaign(store, dir, "c", "BTC", 12, 1, true); // trials 1-8 COMPLETE, 120 windows each
        Trial first = store.trial("c", 1).orElseThrow();
        // a confirmation run of #1 (another seed): not a try of the space
        Map<String, Object> params = new HashMap<>(first.params());
        params.put("seed", 43);
        Trial queued = store.enqueue("c", params, first.id());
        TrialHandle h = store.claim(queued.id(), "w", "cpu").orElseThrow();
        h.addArtifact(store.report(first.id()).orElseThrow().artifacts().get(0));
        h.complete(first.metrics(), first.objective());

        CampaignVerdicts v = CampaignVerdicts.of(store, "c");
        assertThat(v.campaign().tried()).isEqualTo(8);
        assertThat(v.campaign().windows().size()).isEqualTo(120);
        assertThat(v.campaign().windows().trimmed()).isFalse();
        assertThat(v.campaign().spa()).isNotNull();
        assertThat(v.trials()).hasSize(8).doesNotContainKey(queued.number());
        for (TrialVerdicts.TrialVerdict t : v.trials().values()) {
            assertThat(t.family()).isEqualTo(8);
            assertThat(t.adjustedP()).isGreaterThanOrEqualTo(t.rawP());
            if (!v.campaign().beats()) assertThat(t.beats()).isFalse();
        }
        assertThat(v.campaign().direction()).hasSize(8);
    }

    @Test
    void trialsWithDifferentTestWindowsAreAlignedByTimeOnTheWindowsTheyShare() throws IOException {
        Store store = new InMemoryStore();
        WebFixture.campaign(store, dir, "c", "BTC", 6, 2, true); // trials 1 and 2 COMPLETE
        // trial 2's file keeps only its last 100 windows
        Trial second = store.trial("c", 2).orElseThrow();
        Path file = Path.of(store.report(second.id()).orElseThrow().artifacts().get(0).path());
        List<String> lines = Files.readAllLines(file);
        Files.write(file, Stream.concat(lines.stream().limit(1), lines.stream().skip(21)).toList());
        CampaignVerdict v = CampaignVerdicts.of(store, "c").campaign();
        assertThat(v.windows().size()).isEqualTo(100);
        assertThat(v.windows().fewest()).isEqualTo(100);
        assertThat(v.windows().most()).isEqualTo(120);
        assertThat(v.words()).contains("on the 100 test windows all 2 trials share", "aligned by time, the common ones used");
    }

    @Test
    void aTrialForecastingAnotherTargetIsLeftOutAndNamed() {
        List<String> time = List.of("1", "2", "3", "4");
        double[] last = {1, 2, 3, 4}, actual = {2, 3, 4, 5};
        Predictions a = new Predictions(time, last, new double[]{2.1, 2.9, 4.2, 4.8}, actual);
        Predictions b = new Predictions(time, last, new double[]{2.0, 3.1, 3.9, 5.1}, actual);
        Predictions other = new Predictions(time, last, new double[]{2, 3, 4, 5}, new double[]{9, 9, 9, 9});
        CommonWindows w = CommonWindows.of(List.of(new TestForecast(1, 1, a), new TestForecast(2, 1, b),
                new TestForecast(3, 1, other)));
        assertThat(w.trials()).containsExactly(1, 2);
        assertThat(w.otherTarget()).containsExactly(3);
        assertThat(w.words()).contains("left out, forecasting another target: #3");
        assertThat(w.persistenceErrors()).containsExactly(-1, -1, -1, -1);
    }

    @Test
    void theHeadlineLeadsWithTheLockboxThenTheCampaignThenTheTrial() {
        Store store = new InMemoryStore();
        WebFixture.campaign(store, dir, "c", "BTC", 12, 3, true);
        CampaignVerdicts v = CampaignVerdicts.of(store, "c");
        String lockbox = "lockbox verdict: the winner beats persistence on the lockbox (p = 0.01)";
        List<String> lines = new Headline(Optional.of(lockbox), v, 1).lines();
        assertThat(lines.get(0)).isEqualTo(lockbox);
        assertThat(lines.get(1)).startsWith("Before the lockbox: ").contains("Hansen's SPA");
        assertThat(lines.get(2)).startsWith("Trial #1 on its test windows: ").contains("Holm p", "raw p");
        assertThat(lines.get(3)).startsWith("Trial #1: direction");
        assertThat(new Headline(Optional.empty(), v, null).lines()).hasSize(1);
    }
}
