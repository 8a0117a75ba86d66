package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A store written by lstm-tuner at commit c39c5d4 (schema version 4, made from that commit's migrations, kept as
 * test resources, and the rows it wrote) is opened by this version: it migrates to the shared-folder versions and
 * loses nothing: the campaign, every trial with its metrics, folds, params, epochs, artifacts, provenance and
 * notes read back as written, and the store takes new trials, epochs and campaigns.
 */
abstract class LegacyStoreTest {
    /** A fresh, empty database: its JDBC URL, user and password for the legacy writer. */
    protected abstract String[] freshDatabase();

    /** The vendor folder of the c39c5d4 migrations. */
    protected abstract String vendor();

    /** What {@code --store} is given to open the same database with this version. */
    protected abstract String storeSpec(String url);

    private String writeLegacyStore() throws SQLException, IOException {
        String[] db = freshDatabase();
        Flyway.configure().dataSource(db[0], db[1], db[2])
                .locations("classpath:db/legacy-c39c5d4/" + vendor()).load().migrate();
        String sql;
        try (InputStream in = LegacyStoreTest.class.getResourceAsStream("/db/legacy-c39c5d4-store.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection(db[0], db[1], db[2]); Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
                if (!statement.isBlank()) s.execute(statement);
            }
        }
        return db[0];
    }

    @Test
    void theShippedVersions1To4AreTheOnesC39c5d4WroteByteForByte() throws IOException {
        // Flyway checksums every applied migration: an edited V1-V4 would refuse every existing store
        for (String v : List.of("V1__init.sql", "V2__verdict_folds_confirm.sql", "V3__many_machines.sql", "V4__notes.sql")) {
            assertThat(resource("/db/migration/" + vendor() + "/" + v)).as(v)
                    .isEqualTo(resource("/db/legacy-c39c5d4/" + vendor() + "/" + v));
        }
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = LegacyStoreTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void aStoreWrittenBySchemaVersion4OpensAndLosesNothing() throws Exception {
        String url = writeLegacyStore();
        try (Store store = StoreFactory.open(storeSpec(url))) {
            Campaign c = store.campaign("legacy").orElseThrow();
            assertThat(c.objective()).isEqualTo(Objective.VAL_RMSE);
            assertThat(c.direction()).isEqualTo(Direction.MINIMIZE);
            assertThat(c.budget()).isEqualTo(20);
            assertThat(c.groupName()).isEqualTo("legacy-group");
            assertThat(c.sampler()).isEqualTo("tpe");
            assertThat(c.settingsJson()).contains("\"objective\":\"val_rmse\"");

            List<Trial> trials = store.trials(TrialQuery.of("legacy")).items().stream()
                    .sorted(Comparator.comparingInt(Trial::number)).toList();
            assertThat(trials).extracting(Trial::number).containsExactly(1, 2, 3, 4);
            assertThat(trials).extracting(Trial::state)
                    .containsExactly(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAILED, TrialState.COMPLETE);
            Trial first = trials.get(0);
            assertThat(first.params()).isEqualTo(Map.of("lr", 0.01, "cell", "lstm"));
            assertThat(first.objective()).isEqualTo(412.5);
            FinalMetrics m = first.metrics();
            assertThat(m.model().rmse()).isEqualTo(410.75);
            assertThat(m.persistence().rmse()).isEqualTo(420.0);
            assertThat(m.bestValRmse()).isEqualTo(405.5);
            assertThat(m.params()).isEqualTo(12345);
            assertThat(m.persistencePValue()).isEqualTo(0.036);
            assertThat(m.folds()).hasSize(1);
            FoldMetrics fold = m.folds().get(0);
            assertThat(fold.bestValLoss()).isEqualTo(0.012);
            assertThat(fold.valBlockRmse()).containsExactly(390.0, 411.0);
            assertThat(fold.bestValDirectionAccuracy()).as("not recorded before version 5").isNull();
            assertThat(Objective.VAL_DIRECTION_ACCURACY.ofFold(fold)).isNaN();
            assertThat(trials.get(1).prunedEpoch()).isEqualTo(2);
            assertThat(trials.get(2).failureReason()).startsWith("loss became NaN");
            assertThat(trials.get(2).failureStack()).contains("TrainingFailedException");
            assertThat(trials.get(3).confirmOf()).isEqualTo(first.id());

            Map<Long, List<EpochMetrics>> epochs = store.epochs(trials.stream().map(Trial::id).toList());
            assertThat(epochs.get(first.id())).extracting(EpochMetrics::valRmse).containsExactly(450.0, 400.5, 402.0);
            assertThat(epochs.get(first.id()).get(1).valDirectionAccuracy()).isNaN();
            assertThat(epochs.get(first.id())).extracting(EpochMetrics::fidelity)
                    .as("recorded before version 14: trained on all the windows").containsOnly(1.0);
            assertThat(epochs.get(trials.get(1).id())).hasSize(2);

            TrialReport r = store.report(first.id()).orElseThrow();
            assertThat(r.artifacts()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo("predictions");
                assertThat(a.sizeBytes()).isEqualTo(4096);
            });
            assertThat(r.provenance().seed()).isEqualTo(42);
            assertThat(r.provenance().data().rows()).isEqualTo(2000);
            assertThat(r.provenance().gitCommit()).isEqualTo("c39c5d4");
            assertThat(store.notes("legacy")).extracting(Note::text)
                    .containsExactlyInAnyOrder("baseline run before the holiday data", "keeper");

            assertThat(store.sortKeys("legacy")).contains("lr", "cell", "val_rmse");
            assertThat(store.best("legacy")).map(Trial::number).contains(1);
            assertThat(store.trials(TrialQuery.of("legacy").sortBy("best_val_rmse")).items().get(0).number())
                    .isEqualTo(1);

            // the migrated store keeps working: a new trial, its epochs (with the version-5 column), a new campaign
            TrialHandle h = store.start("legacy", Map.of("lr", 0.02, "cell", "gru"), "host-c-1", "cpu");
            assertThat(h.number()).isEqualTo(5);
            h.epochListener().onEpoch(new EpochMetrics(1, 0.04, 0.02, 430.0, 700, 0.58));
            assertThat(store.epochs(List.of(h.trialId())).get(h.trialId()).get(0).valDirectionAccuracy())
                    .isCloseTo(0.58, within(1e-12));
            assertThat(store.createCampaign(CampaignSpec.single("after-upgrade", "{}")).id()).isNotEqualTo(c.id());
        }
        try (Store again = StoreFactory.open(storeSpec(url))) {
            assertThat(again.trials(TrialQuery.of("legacy")).total()).as("reopening migrates nothing twice").isEqualTo(5);
        }
    }
}
