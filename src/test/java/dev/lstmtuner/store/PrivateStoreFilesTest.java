package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.FileModes;
import dev.lstmtuner.train.Evaluator;
import dev.lstmtuner.train.ModelBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What lstm-tuner writes is its owner's alone (or the group's, with --shared-group), whatever the umask. */
class PrivateStoreFilesTest {
    @TempDir
    Path dir;

    @AfterEach
    void ownerOnlyAgain() {
        FileModes.shareWithGroup(false);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewH2StoreItsPasswordAndTheFoldersItMadeAreOwnerOnly() throws Exception {
        Path base = dir.resolve("team").resolve("runs").resolve("store");
        try (Store s = StoreFactory.open(base.toString())) {
            s.createCampaign(CampaignSpec.single("c", "{}"));
        }
        assertThat(mode(dir.resolve("team/runs/store.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("team/runs/store.password"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("team"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("team/runs"))).isEqualTo("rwx------");
    }

    @Test
    void withSharedGroupTheGroupMayReadAndWriteButOthersNot() throws Exception {
        FileModes.shareWithGroup(true);
        Path base = dir.resolve("shared").resolve("store");
        try (Store s = StoreFactory.open(base.toString())) {
            s.createCampaign(CampaignSpec.single("c", "{}"));
        }
        assertThat(mode(dir.resolve("shared/store.mv.db"))).isEqualTo("rw-rw----");
        assertThat(mode(dir.resolve("shared/store.password"))).isEqualTo("rw-rw----");
        assertThat(mode(dir.resolve("shared"))).isEqualTo("rwxrwx---");
    }

    @Test
    void artifactsAndTheirNewFoldersAreOwnerOnly() throws Exception {
        Path trial = dir.resolve("artifacts").resolve("camp").resolve("1");
        ModelBundle.FileInfo f = ModelBundle.writePredictions(trial, new Evaluator.TestForecast(new long[]{0L, 3_600_000L},
                new double[]{1, 2}, new double[]{1.5, 2.5}, new double[]{2, 3}, null));
        assertThat(mode(f.path())).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("artifacts"))).isEqualTo("rwx------");
        assertThat(mode(trial)).isEqualTo("rwx------");
    }

    @Test
    void aPasswordFileOthersCanReadIsWarnedAboutOnRead() throws Exception {
        Path base = dir.resolve("store");
        StoreFactory.open(base.toString()).close();
        Path password = dir.resolve("store.password");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        PrintStream was = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            StoreFactory.open(base.toString()).close();
        } finally {
            System.setErr(was);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(password + " is mode rw-r--r--")
                .contains("chmod 600 " + password);
    }

    @Test
    void anH2UrlCarryingAPasswordIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> StoreFactory.open("jdbc:h2:tcp://127.0.0.1:9092/~/runs;PASSWORD=hunter2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("carries a password").hasMessageContaining(StoreFactory.PASSWORD_ENV)
                .hasMessageNotContaining("hunter2");
    }
}
