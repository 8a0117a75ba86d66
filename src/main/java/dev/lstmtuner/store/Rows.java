package dev.lstmtuner.store;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.DeviceRecord;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.TrialState;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Result rows to records, by column name (so a query may select its columns in any order). */
final class Rows {
    /** Every column a {@link Trial} needs; tables aliased {@code t} (trial) and {@code c} (campaign). */
    static final String TRIAL_COLUMNS = "t.id, t.campaign_id, c.name AS campaign_name, t.number, t.state, "
            + "t.params_json, t.objective, t.worker, t.device, t.created_at, t.started_at, t.finished_at, "
            + "t.heartbeat_at, t.pruned_epoch, t.failure_reason, t.failure_stack, t.requeued_from, t.has_metrics, "
            + "t.test_mae, t.test_rmse, t.test_mape, t.test_r2, t.direction_accuracy, t.persistence_mae, "
            + "t.persistence_rmse, t.persistence_mape, t.persistence_r2, t.persistence_direction_accuracy, t.skill, "
            + "t.best_val_rmse, t.params_count, t.epochs, t.best_epoch, t.training_seconds, t.test_windows, t.confirm_of, "
            + "t.persistence_statistic, t.persistence_p, t.folds_json, t.ridge_rmse, t.ridge_p";
    static final String TRIAL_FROM = " FROM trial t JOIN campaign c ON c.id = t.campaign_id";
    static final String SELECT_TRIAL = "SELECT " + TRIAL_COLUMNS + TRIAL_FROM;

    static final String SELECT_CAMPAIGN = "SELECT id, name, config_json, space_json, sampler, pruner, budget, "
            + "objective, direction, created_at, settings_json, group_name, ended_at, end_reason, paused_at FROM campaign";

    static final String EPOCH_COLUMNS = "trial_id, epoch, train_loss, val_loss, val_rmse, duration_ms, val_direction_accuracy, "
            + "fidelity";

    static final String PROVENANCE_COLUMNS = "trial_id, config_json, seed, data_sha256, data_first_time_ms, "
            + "data_last_time_ms, data_rows, lstm_tuner_version, git_commit, java_version, dl4j_version, "
            + "nd4j_backend, os, arch, threads, host, device, layer_used, blas_threads, nd4j_threads, device_plan, "
            + "test_sha256, test_first_time_ms, test_last_time_ms, test_windows";

    private Rows() {
    }

    static Trial trial(ResultSet rs) throws SQLException {
        FinalMetrics metrics = null;
        if (rs.getBoolean("has_metrics")) {
            metrics = new FinalMetrics(
                    new ForecastMetrics(rs.getDouble("test_mae"), rs.getDouble("test_rmse"),
                            rs.getDouble("test_mape"), rs.getDouble("test_r2"), rs.getDouble("direction_accuracy")),
                    new ForecastMetrics(rs.getDouble("persistence_mae"), rs.getDouble("persistence_rmse"),
                            rs.getDouble("persistence_mape"), rs.getDouble("persistence_r2"),
                            rs.getDouble("persistence_direction_accuracy")),
                    rs.getDouble("skill"), rs.getDouble("best_val_rmse"), rs.getLong("params_count"),
                    rs.getInt("epochs"), rs.getInt("best_epoch"), rs.getDouble("training_seconds"),
                    rs.getInt("test_windows"), rs.getObject("persistence_statistic", Double.class),
                    rs.getObject("persistence_p", Double.class), FoldsJson.read(rs.getString("folds_json")),
                    rs.getObject("ridge_rmse", Double.class), rs.getObject("ridge_p", Double.class));
        }
        return new Trial(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("campaign_name"),
                rs.getInt("number"), TrialState.valueOf(rs.getString("state")),
                ParamsJson.read(rs.getString("params_json")), rs.getObject("objective", Double.class),
                rs.getString("worker"), rs.getString("device"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "heartbeat_at"),
                rs.getObject("pruned_epoch", Integer.class), rs.getString("failure_reason"),
                rs.getString("failure_stack"), rs.getObject("requeued_from", Long.class),
                rs.getObject("confirm_of", Long.class), metrics);
    }

    static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getString("config_json"),
                rs.getString("space_json"), rs.getString("sampler"), rs.getString("pruner"),
                rs.getObject("budget", Integer.class), Objective.stored(rs.getString("objective")),
                Direction.valueOf(rs.getString("direction")), instant(rs, "created_at"),
                rs.getString("settings_json"), rs.getString("group_name"), instant(rs, "ended_at"),
                rs.getString("end_reason"), instant(rs, "paused_at"));
    }

    static EpochMetrics epoch(ResultSet rs) throws SQLException {
        return new EpochMetrics(rs.getInt("epoch"), rs.getDouble("train_loss"), rs.getDouble("val_loss"),
                rs.getDouble("val_rmse"), rs.getLong("duration_ms"), nanIfNull(rs, "val_direction_accuracy"),
                fidelity(rs));
    }

    /** NULL: an epoch stored before schema version 14, trained on all the training windows. */
    private static double fidelity(ResultSet rs) throws SQLException {
        Double v = rs.getObject("fidelity", Double.class);
        return v == null ? 1.0 : v;
    }

    private static double nanIfNull(ResultSet rs, String column) throws SQLException {
        Double v = rs.getObject(column, Double.class);
        return v == null ? Double.NaN : v;
    }

    static Artifact artifact(ResultSet rs) throws SQLException {
        return new Artifact(rs.getString("kind"), rs.getString("path"), rs.getString("sha256"),
                rs.getLong("size_bytes"));
    }

    static Provenance provenance(ResultSet rs) throws SQLException {
        String sha = rs.getString("data_sha256");
        DataFingerprint.Fingerprint fp = sha == null ? null : new DataFingerprint.Fingerprint(sha,
                rs.getLong("data_first_time_ms"), rs.getLong("data_last_time_ms"), rs.getInt("data_rows"));
        return new Provenance(rs.getString("config_json"), rs.getLong("seed"), fp, rs.getString("lstm_tuner_version"),
                rs.getString("git_commit"), rs.getString("java_version"), rs.getString("dl4j_version"),
                rs.getString("nd4j_backend"), rs.getString("os"), rs.getString("arch"), rs.getInt("threads"),
                rs.getString("host"), device(rs), tests(rs));
    }

    /** The fingerprint of the trial's test windows; null when it was recorded before schema version 16. */
    private static DataFingerprint.TestWindows tests(ResultSet rs) throws SQLException {
        String sha = rs.getString("test_sha256");
        return sha == null ? null : new DataFingerprint.TestWindows(sha, rs.getLong("test_first_time_ms"),
                rs.getLong("test_last_time_ms"), rs.getInt("test_windows"));
    }

    /** The provenance's device record; null when the trial was recorded before schema version 7. */
    private static DeviceRecord device(ResultSet rs) throws SQLException {
        String device = rs.getString("device");
        if (device == null) return null;
        return new DeviceRecord(device, rs.getString("layer_used"), rs.getInt("blas_threads"),
                rs.getInt("nd4j_threads"), rs.getString("device_plan"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
