package dev.lstmtuner.analysis;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComparabilityTest {
    private static Provenance provenance(String config, String sha) {
        return new Provenance(config, 42, new DataFingerprint.Fingerprint(sha.repeat(64), 0, 3_600_000, 10), "v", "c",
                "17", "dl4j", "CPU", "Linux", "amd64", 1, "host");
    }

    @Test
    void namesEveryDifferenceThatForbidsPairingInTheComparePagesWords() {
        Trial a = Trials.complete(1, 3, 1.0, null, null), b = Trials.complete(2, 4, 1.0, null, null);
        var ca = Comparability.of(a, Trials.campaign("a", "{}", "val_rmse", Direction.MINIMIZE),
                provenance("{\"symbol\":\"BTCUSDT\",\"horizon\":1}", "a"));
        var cb = Comparability.of(b, Trials.campaign("b", "{}", "val_rmse", Direction.MINIMIZE),
                provenance("{\"symbol\":\"ETHUSDT\",\"horizon\":3,\"target\":\"close\"}", "b"));
        String refusal = Comparability.refusal(a, ca, b, cb);
        assertThat(refusal).startsWith("not compared: symbol BTCUSDT vs ETHUSDT; horizon 1 vs 3; target log_return vs"
                + " close; data sha256:aaaaaaaa");
        assertThat(Comparability.refusal(a, ca, a, ca)).isNull();
    }

    @Test
    void theObjectiveForbidsRankingButNotPairingErrors() {
        Trial a = Trials.complete(1, 3, 1.0, null, null);
        var rmse = Comparability.of(a, Trials.campaign("a", "{}", "val_rmse", Direction.MINIMIZE), null);
        var acc = Comparability.of(a, Trials.campaign("b", "{}", "direction_accuracy", Direction.MAXIMIZE), null);
        assertThat(rmse.pairingDifferences(acc)).isEmpty();
        assertThat(rmse.rankingDifferences(acc)).containsExactly(
                "objective val_rmse (minimize) vs direction_accuracy (maximize)");
    }
}
