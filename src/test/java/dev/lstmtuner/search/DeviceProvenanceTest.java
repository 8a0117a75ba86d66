package dev.lstmtuner.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.model.Backend;
import dev.lstmtuner.result.DeviceRecord;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.NativeRuntime;
import dev.lstmtuner.train.TrialRunner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** What a trial's provenance says about where and how it computed: the layer used and the threads in effect. */
class DeviceProvenanceTest {
    private static final Backend CUDA = new Backend("JCublas", false);
    private final InMemoryStore store = new InMemoryStore();

    @AfterEach
    void oneThreadAgain() {
        NativeRuntime.useThreads(1);
    }

    private static RunConfig tiny(Map<String, Object> more) {
        Map<String, Object> o = new HashMap<>(Map.of(
                "max_rows", 600, "features", List.of("log_return_1", "hl_range"), "time_steps", 6,
                "units", List.of(4), "dense_units", 0, "dropout", 0.0, "max_epochs", 1, "patience", 0,
                "batch_size", 64));
        o.putAll(more);
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "test");
    }

    private Trial run(RunConfig c) {
        store.createCampaign(CampaignSpec.single("dev", ConfigLoader.toJson(c)));
        TrialHandle handle = store.start("dev", Map.of(), "test-worker", "cpu");
        new TrialExecutor(store, 60_000).execute(handle,
                new TrialExecutor.Plan(c, null, Objective.DEFAULT, Direction.MINIMIZE, null, false),
                TrialRunner::prepare, null, (e, b, n, t) -> { });
        return store.trial("dev", 1).orElseThrow();
    }

    private DeviceRecord device(Trial t) {
        return store.report(t.id()).orElseThrow().provenance().device();
    }

    @Test
    void onTheCpuTheProvenanceRecordsTheFastLayerAndTheThreadsReadBack() {
        Trial t = run(tiny(Map.of("threads", 2)));
        assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
        DeviceRecord d = device(t);
        assertThat(d.device()).isEqualTo("cpu");
        assertThat(d.layer()).isEqualTo("lstm: fast");
        assertThat(d.blasThreads()).as("OpenBLAS threads in effect").isEqualTo(2);
        // libnd4j's pool is sized at start-up (this JVM: OMP_NUM_THREADS or the cores), so 2 takes effect up to that
        int pool = Nd4j.getEnvironment().maxThreads();
        assertThat(d.nd4jThreads()).as("libnd4j threads in effect").isEqualTo(Math.min(2, pool));
        assertThat(store.report(t.id()).orElseThrow().provenance().threads()).isEqualTo(d.nd4jThreads());
    }

    @Test
    void fewerThreadsThanAtStartUpTakeEffectInBothLibraries() {
        NativeRuntime.useThreads(2);
        Trial t = run(tiny(Map.of("threads", 1)));
        assertThat(device(t).blasThreads()).isEqualTo(1);
        assertThat(device(t).nd4jThreads()).isEqualTo(1);
    }

    @Test
    void onAnotherBackendTheProvenanceRecordsTheStockLstmAndWhy() {
        Trial t = Backend.actAs(CUDA, () -> run(tiny(Map.of())));
        assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(device(t).layer()).isEqualTo("lstm: stock (layer_impl fast needs ND4J's CPU backend, not JCublas)");
        assertThat(device(t).blasThreads()).isEqualTo(1);
    }

    @Test
    void onAnotherBackendAGruTrialFailsWithTheRefusalAsItsReason() {
        Trial t = Backend.actAs(CUDA, () -> run(tiny(Map.of("model", "gru"))));
        assertThat(t.state()).isEqualTo(TrialState.FAILED);
        assertThat(t.failureReason()).contains("has only a CPU implementation").contains("`cell: lstm`")
                .contains("`model: rnn`");
    }
}
