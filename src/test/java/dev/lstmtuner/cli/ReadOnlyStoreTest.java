package dev.lstmtuner.cli;

import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store opened read-only (as a file the user cannot write is) can still be browsed; writing to it fails in one
 * line naming the file. The not-writable file itself is probed by bench/fault-matrix.sh on a read-only mount,
 * since a test running as root can write any file it chmods.
 */
class ReadOnlyStoreTest {
    @TempDir
    Path dir;

    @Test
    void aReadOnlyStoreCanBeBrowsedAndRefusesWritesInOneLine() throws Exception {
        try (Store s = StoreFactory.open(dir.resolve("store").toString())) {
            s.createCampaign(CampaignSpec.single("kept", "{\"units\":[8]}"));
            s.start("kept", Map.of("lr", 0.01), "w", "cpu").complete(StoreCommandsTest.metrics(2.0), 1.5);
        }
        String ro = StoreFactory.jdbcUrl(dir.resolve("store").toString()) + ";ACCESS_MODE_DATA=r";
        for (String[] cmd : new String[][]{{"campaigns"}, {"trials", "kept"}, {"show", "kept/1"}, {"export", "kept"}}) {
            TrainCommandTest.Result r = TrainCommandTest.run(concat(cmd, "--store", ro));
            assertThat(r.code()).as(String.join(" ", cmd) + ": " + r.err()).isZero();
            assertThat(r.out()).containsAnyOf("kept", "1 of 1 trials");
        }
        TrainCommandTest.Result del = TrainCommandTest.run("delete", "--campaign", "kept", "--yes", "--store", ro);
        assertThat(del.code()).isEqualTo(2);
        assertThat(del.err().strip().lines()).hasSize(1);
        assertThat(del.err()).contains(dir.resolve("store.mv.db").toString()).contains("read-only");
        try (Store s = StoreFactory.open(dir.resolve("store").toString())) {
            assertThat(s.campaign("kept")).isPresent();
        }
        assertThat(Files.exists(dir.resolve("store.lock.db"))).isFalse();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
