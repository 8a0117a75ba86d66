package dev.lstmtuner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `search --devices/--dry-run/--force`: the plan printed, an impossible one refused before anything is stored. */
class DevicePlanCommandTest {
    @TempDir
    Path dir;

    private TrainCommandTest.Result search(String... more) throws Exception {
        Path exp = Files.writeString(dir.resolve("e.json"), "{\"name\": \"e\", \"config\": {\"max_rows\": 600, "
                + "\"units\": [4], \"max_epochs\": 1, \"threads\": 1}, \"space\": {\"params\": {\"time_steps\": "
                + "{\"type\": \"categorical\", \"values\": [8, 16]}}}, \"sampler\": \"random\", \"budget\": {\"max_trials\": 2}}");
        String[] base = {"search", "--experiment", exp.toString(), "--store", dir.resolve("store").toString(),
                "--artifacts", dir.resolve("artifacts").toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return TrainCommandTest.run(args);
    }

    @Test
    void dryRunPrintsThePlanAndStoresNothing() throws Exception {
        TrainCommandTest.Result r = search("--dry-run", "--devices", "cpu");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).containsPattern("device plan: cpu: \\d+ worker\\(s\\) on \\d+ usable CPU\\(s\\)")
                .contains("1 thread(s) each").contains("per worker");
        assertThat(dir.resolve("store.mv.db")).doesNotExist();
    }

    @Test
    void gpuOnABuildWithoutCudaExitsTwoSayingHowToBuildIt() throws Exception {
        TrainCommandTest.Result r = search("--devices", "gpu");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("-Pcuda").contains("--devices cpu");
        assertThat(dir.resolve("store.mv.db")).doesNotExist();
    }

    @Test
    void aPlanBeyondTheMachinesMemoryExitsTwoUnlessForced() throws Exception {
        TrainCommandTest.Result r = search("--slots", "4000", "--devices", "cpu");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("device plan needs").contains("4000 worker(s)").contains("use --slots")
                .contains("LSTM_TUNER_JAVA_OPTS").contains("--force");
        assertThat(dir.resolve("store.mv.db")).doesNotExist();
        assertThat(search("--slots", "4000", "--devices", "cpu", "--force", "--dry-run").code()).isEqualTo(0);
    }
}
