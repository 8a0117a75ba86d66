package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A local worker whose coordinator was killed stops by itself instead of idling on and joining a later resume. */
class OrphanWorkerTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aWorkerStopsWhenItsCoordinatorIsGone() throws Exception {
        String store = dir.resolve("store").toString();
        Path exp = Files.writeString(dir.resolve("o.json"), "{\"name\": \"o\", \"space\": {\"params\": "
                + "{\"learning_rate\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.01}}}, "
                + "\"sampler\": \"random\", \"budget\": {\"max_trials\": 2}}");
        Experiment e = ExperimentLoader.load(exp);
        try (Store s = StoreFactory.open(store)) {
            // no trial is ever queued: the worker only waits, as an orphan did once the queue was empty
            s.createCampaign(new CampaignSpec("o", ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                    e.pruner(), 2, e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
        }
        Process coordinator = new ProcessBuilder("sleep", "600").start();
        Process worker = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "worker", "--store", store,
                "--campaign", "o", "--artifacts", dir.resolve("artifacts").toString(),
                "--parent-pid", String.valueOf(coordinator.pid())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
        try {
            assertThat(worker.waitFor(8, TimeUnit.SECONDS)).as("the worker waits while its coordinator lives").isFalse();
            coordinator.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("the worker exits after its coordinator died").isTrue();
            assertThat((System.nanoTime() - killed) / 1e9).isLessThan(30);
            assertThat(worker.exitValue()).isEqualTo(3);
            assertThat(Files.readString(dir.resolve("worker.log"))).contains("the coordinator (pid " + coordinator.pid() + ") is gone");
        } finally {
            worker.destroyForcibly();
            coordinator.destroyForcibly();
        }
    }
}
