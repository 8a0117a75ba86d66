package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochMetrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each epoch's fidelity is stored and read back by every Store (see the subclasses), on every read path. */
abstract class StoreFidelityContractTest extends StoreTestBase {

    private static EpochMetrics epoch(int e, double fidelity) {
        return new EpochMetrics(e, 1.0 / e, 2.0 / e, 100.0 / e, 40L * e, 0.5, fidelity);
    }

    @Test
    void theFidelityOfEachEpochComesBackOnEveryReadPath() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of("lr", 0.01), "w", "cpu");
        List<EpochMetrics> written = List.of(epoch(1, 1 / 9.0), epoch(2, 1 / 9.0), epoch(3, 1 / 3.0), epoch(4, 1.0));
        for (EpochMetrics m : written) h.epochListener().onEpoch(m);
        h.prune(4, "a test");

        assertThat(store.epochs(List.of(h.trialId())).get(h.trialId())).containsExactlyElementsOf(written);
        assertThat(store.report(h.trialId()).orElseThrow().epochs()).extracting(EpochMetrics::fidelity)
                .containsExactly(1 / 9.0, 1 / 9.0, 1 / 3.0, 1.0);
        // the coordinator's and the pruners' incremental read
        assertThat(store.changesSince("c", null, null).epochs().get(h.trialId())).containsExactlyElementsOf(written);
    }

    @Test
    void anEpochReportedWithoutAFidelityTrainedOnAllTheWindows() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of(), "w", "cpu");
        h.epochListener().onEpoch(new EpochMetrics(1, 0.5, 0.6, 120.0, 1000));
        assertThat(store.epochs(List.of(h.trialId())).get(h.trialId())).extracting(EpochMetrics::fidelity)
                .containsExactly(1.0);
    }
}
