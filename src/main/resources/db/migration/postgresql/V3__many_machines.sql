-- lstm-tuner experiment store, schema version 3 (PostgreSQL): many machines.
-- coordinator_lease: one row per campaign; the coordinator that holds it (until expires_at, by the database clock)
-- is the only one sampling for the campaign; another takes over once it expires.
CREATE TABLE coordinator_lease (
    campaign_id BIGINT PRIMARY KEY REFERENCES campaign (id) ON DELETE CASCADE,
    holder      VARCHAR(200),
    acquired_at TIMESTAMP WITH TIME ZONE,
    expires_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO coordinator_lease (campaign_id) SELECT id FROM campaign;

-- changed_at: when the trial last changed state (database clock), so a coordinator reads only what changed
-- since its last step instead of the whole campaign
ALTER TABLE trial ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP;
UPDATE trial SET changed_at = COALESCE(finished_at, started_at, created_at);
CREATE INDEX trial_changed_idx ON trial (campaign_id, changed_at);
-- finished trials by finish time: the coordinator's failures-in-a-row check reads only the latest few
CREATE INDEX trial_finished_idx ON trial (campaign_id, finished_at);

-- epoch rows carry their campaign and time, so a pruner reads only the epochs reported since it last looked
ALTER TABLE epoch_metric ADD COLUMN campaign_id BIGINT;
ALTER TABLE epoch_metric ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP;
UPDATE epoch_metric SET campaign_id = (SELECT t.campaign_id FROM trial t WHERE t.id = epoch_metric.trial_id);
CREATE INDEX epoch_metric_recorded_idx ON epoch_metric (campaign_id, recorded_at);

-- Leaderboard: a state filter is a rank_class filter (one class per state), so the rank indexes serve it and the
-- per-state copies go (fewer indexes to update on every state change); every sort key gets an index in its
-- other direction too, so a reversed sort also reads the page straight from an index.
DROP INDEX trial_state_objective_idx;
DROP INDEX trial_state_objective_desc_idx;
DROP INDEX trial_state_best_val_rmse_idx;
DROP INDEX trial_state_test_rmse_idx;
DROP INDEX trial_state_test_mae_idx;
DROP INDEX trial_state_skill_desc_idx;
DROP INDEX trial_state_test_mape_idx;
DROP INDEX trial_state_test_r2_desc_idx;
DROP INDEX trial_state_direction_accuracy_desc_idx;
DROP INDEX trial_state_persistence_rmse_idx;
DROP INDEX trial_state_params_count_idx;
DROP INDEX trial_state_epochs_idx;
DROP INDEX trial_state_best_epoch_idx;
DROP INDEX trial_state_training_seconds_idx;
DROP INDEX trial_state_persistence_p_idx;
DROP INDEX trial_param_state_idx;
DROP INDEX trial_param_state_desc_idx;
CREATE INDEX trial_rank_best_val_rmse_desc_idx ON trial (campaign_id, rank_class, best_val_rmse DESC NULLS LAST, number);
CREATE INDEX trial_rank_test_rmse_desc_idx ON trial (campaign_id, rank_class, test_rmse DESC NULLS LAST, number);
CREATE INDEX trial_rank_test_mae_desc_idx ON trial (campaign_id, rank_class, test_mae DESC NULLS LAST, number);
CREATE INDEX trial_rank_skill_asc_idx ON trial (campaign_id, rank_class, skill NULLS LAST, number);
CREATE INDEX trial_rank_test_mape_desc_idx ON trial (campaign_id, rank_class, test_mape DESC NULLS LAST, number);
CREATE INDEX trial_rank_test_r2_asc_idx ON trial (campaign_id, rank_class, test_r2 NULLS LAST, number);
CREATE INDEX trial_rank_direction_accuracy_asc_idx ON trial (campaign_id, rank_class, direction_accuracy NULLS LAST, number);
CREATE INDEX trial_rank_persistence_rmse_desc_idx ON trial (campaign_id, rank_class, persistence_rmse DESC NULLS LAST, number);
CREATE INDEX trial_rank_params_count_desc_idx ON trial (campaign_id, rank_class, params_count DESC NULLS LAST, number);
CREATE INDEX trial_rank_epochs_desc_idx ON trial (campaign_id, rank_class, epochs DESC NULLS LAST, number);
CREATE INDEX trial_rank_best_epoch_desc_idx ON trial (campaign_id, rank_class, best_epoch DESC NULLS LAST, number);
CREATE INDEX trial_rank_training_seconds_desc_idx ON trial (campaign_id, rank_class, training_seconds DESC NULLS LAST, number);
CREATE INDEX trial_rank_persistence_p_desc_idx ON trial (campaign_id, rank_class, persistence_p DESC NULLS LAST, number);
CREATE INDEX trial_rank_number_desc_idx ON trial (campaign_id, rank_class, number DESC);
