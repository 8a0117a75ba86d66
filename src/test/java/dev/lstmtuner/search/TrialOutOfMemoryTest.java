package dev.lstmtuner.search;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrialOutOfMemoryTest {
    private static Trial runFailing(RuntimeException thrown) {
        InMemoryStore store = new InMemoryStore();
        store.createCampaign(CampaignSpec.single("oom", ConfigLoader.toJson(RunConfig.DEFAULTS)));
        TrialHandle handle = store.start("oom", Map.of(), "test-worker", "cpu");
        TrialExecutor.Outcome o = new TrialExecutor(store, 60_000).execute(handle,
                new TrialExecutor.Plan(RunConfig.DEFAULTS, null, Objective.DEFAULT, Direction.MINIMIZE, null, false),
                c -> {
                    throw thrown;
                }, null, (e, b, n, t) -> { });
        assertThat(o.state()).isEqualTo(TrialState.FAILED);
        return store.trial("oom", 1).orElseThrow();
    }

    @Test
    void outOfMemoryWrappedByDl4jIsRecordedAsOutOfMemoryWithWhatToTry() {
        // DL4J rethrows an Error from the forward pass wrapped like this
        Trial t = runFailing(new RuntimeException("Error during neural network forward pass",
                new IllegalStateException("layer 2", new OutOfMemoryError("Java heap space"))));
        assertThat(t.state()).isEqualTo(TrialState.FAILED);
        assertThat(t.failureReason()).startsWith("out of memory: Java heap space")
                .contains("lower batch_size").contains("-Xmx2g");
        assertThat(t.failureStack()).contains("Error during neural network forward pass");
    }

    @Test
    void nativeOutOfMemoryNamesTheNativeLimit() {
        Trial t = runFailing(new RuntimeException(new OutOfMemoryError(
                "Physical memory usage is too high: physicalBytes (5G) > maxPhysicalBytes (5G)")));
        assertThat(t.failureReason()).startsWith("out of memory: Physical memory usage is too high")
                .contains("org.bytedeco.javacpp.maxbytes");
    }

    @Test
    void otherFailuresKeepTheirOwnMessage() {
        Trial t = runFailing(new IllegalArgumentException("loss became NaN at epoch 3"));
        assertThat(t.failureReason()).isEqualTo("loss became NaN at epoch 3");
    }
}
