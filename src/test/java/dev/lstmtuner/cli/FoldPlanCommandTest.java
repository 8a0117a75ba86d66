package dev.lstmtuner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `search --dry-run` prints the fold plan (folds, refit, headline test, lockbox) and stores nothing. */
class FoldPlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void aDryRunPrintsWhichBarsEachFoldTrainsValidatesAndTestsOnAndTheLockboxAndStoresNothing() throws Exception {
        Path exp = Files.writeString(dir.resolve("e.json"), "{\"name\": \"plan\", \"config\": {\"max_rows\": 3000,"
                + " \"horizon\": 3, \"evaluation\": {\"folds\": 2, \"scheme\": \"sliding\", \"embargo\": 1}},"
                + " \"lockbox\": {\"fraction\": 0.1}, \"space\": {\"params\": {\"l2\": {\"type\": \"float\","
                + " \"low\": 0.001, \"high\": 0.1}}}, \"sampler\": \"random\", \"budget\": {\"max_trials\": 2}}");
        TrainCommandTest.Result r = TrainCommandTest.run("search", "--experiment", exp.toString(), "--dry-run",
                "--store", dir.resolve("store").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 folds, sliding", "purge 3 bars", "fold 1: trains bars", "fold 2: trains bars",
                "refit (complete trials only", "headline test: bars", "scored by the refit",
                "lockbox: bars 2700..3000", "trials read bars before 2697", "nothing trained or stored");
        assertThat(Files.exists(dir.resolve("store.mv.db"))).isFalse();
    }
}
