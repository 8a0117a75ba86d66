-- A store as lstm-tuner wrote it at commit c39c5d4 (schema version 4): one campaign with a completed trial (walk-
-- forward folds, epochs, artifact, provenance, params), a pruned and a failed trial, a confirmation run, a
-- campaign note and a trial tag. Plain SQL that H2 and PostgreSQL both read; ids come from the identity columns.
INSERT INTO campaign (name, config_json, space_json, sampler, pruner, budget, objective, direction, created_at,
                      next_number, settings_json, group_name)
VALUES ('legacy', '{"symbol":"BTCUSDT","units":[16]}', '{"params":{"lr":{"type":"float","low":0.001,"high":0.1}}}',
        'tpe', 'asha', 20, 'val_rmse', 'MINIMIZE', TIMESTAMP WITH TIME ZONE '2026-11-30 10:00:00+00:00', 5,
        '{"name":"legacy","objective":"val_rmse","direction":"minimize"}', 'legacy-group');
INSERT INTO coordinator_lease (campaign_id) SELECT id FROM campaign WHERE name = 'legacy';
INSERT INTO campaign_param (campaign_id, name) SELECT id, 'lr' FROM campaign WHERE name = 'legacy';
INSERT INTO campaign_param (campaign_id, name) SELECT id, 'cell' FROM campaign WHERE name = 'legacy';

INSERT INTO trial (campaign_id, number, state, rank_class, params_json, worker, device, created_at, started_at,
                   finished_at, heartbeat_at, objective, has_metrics, test_mae, test_rmse, test_mape, test_r2,
                   direction_accuracy, persistence_mae, persistence_rmse, persistence_mape, persistence_r2,
                   persistence_direction_accuracy, skill, best_val_rmse, params_count, epochs, best_epoch,
                   training_seconds, test_windows, persistence_statistic, persistence_p, folds_json, changed_at)
SELECT id, 1, 'COMPLETE', 0, '{"lr":0.01,"cell":"lstm"}', 'host-a-1', 'cpu',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:01:00+00:00', TIMESTAMP WITH TIME ZONE '2026-11-30 10:01:01+00:00',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:02:00+00:00', TIMESTAMP WITH TIME ZONE '2026-11-30 10:02:00+00:00',
       412.5, TRUE, 300.25, 410.75, 0.81, 0.42, 0.53, 310.5, 420.0, 0.83, 0.4, 0.5, 0.0220238, 405.5, 12345, 3, 2,
       59.5, 200, -2.1, 0.036,
       '[{"fold":1,"trainWindows":800,"valWindows":100,"testWindows":100,"testFromMs":1700000000000,"testToMs":1700360000000,"bestValRmse":400.5,"bestValLoss":0.012,"epochs":3,"bestEpoch":2,"model":{"mae":300.25,"rmse":410.75,"mape":0.81,"r2":0.42,"directionAccuracy":0.53},"persistence":{"mae":310.5,"rmse":420.0,"mape":0.83,"r2":0.4,"directionAccuracy":0.5},"skill":0.0220238,"persistencePValue":0.036,"valBlockRmse":[390.0,411.0]}]',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:02:00+00:00'
FROM campaign WHERE name = 'legacy';
INSERT INTO trial (campaign_id, number, state, rank_class, params_json, worker, device, created_at, started_at,
                   finished_at, pruned_epoch, failure_reason, changed_at)
SELECT id, 2, 'PRUNED', 1, '{"lr":0.09,"cell":"gru"}', 'host-a-2', 'cpu',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:01:30+00:00', TIMESTAMP WITH TIME ZONE '2026-11-30 10:01:31+00:00',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:01:50+00:00', 2, 'worse than the median at epoch 2',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:01:50+00:00'
FROM campaign WHERE name = 'legacy';
INSERT INTO trial (campaign_id, number, state, rank_class, params_json, worker, device, created_at, started_at,
                   finished_at, failure_reason, failure_stack, changed_at)
SELECT id, 3, 'FAILED', 2, '{"lr":0.05,"cell":"lstm"}', 'host-b-1', 'cpu',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:03:00+00:00', TIMESTAMP WITH TIME ZONE '2026-11-30 10:03:01+00:00',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:03:05+00:00', 'loss became NaN at epoch 1, batch 3 of 7',
       'dev.lstmtuner.train.TrainingFailedException: loss became NaN', TIMESTAMP WITH TIME ZONE '2026-11-30 10:03:05+00:00'
FROM campaign WHERE name = 'legacy';
INSERT INTO trial (campaign_id, number, state, rank_class, params_json, worker, device, created_at, started_at,
                   finished_at, objective, has_metrics, test_mae, test_rmse, test_mape, test_r2, direction_accuracy,
                   persistence_mae, persistence_rmse, persistence_mape, persistence_r2, persistence_direction_accuracy,
                   skill, best_val_rmse, params_count, epochs, best_epoch, training_seconds, test_windows, confirm_of,
                   changed_at)
SELECT c.id, 4, 'COMPLETE', 0, '{"lr":0.01,"cell":"lstm","seed":43}', 'host-a-1', 'cpu',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:04:00+00:00', TIMESTAMP WITH TIME ZONE '2026-11-30 10:04:01+00:00',
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:05:00+00:00', 415.0, TRUE, 301.0, 412.0, 0.82, 0.41, 0.52, 310.5, 420.0,
       0.83, 0.4, 0.5, 0.0190476, 415.0, 12345, 3, 3, 61.0, 200, t.id, TIMESTAMP WITH TIME ZONE '2026-11-30 10:05:00+00:00'
FROM campaign c JOIN trial t ON t.campaign_id = c.id AND t.number = 1 WHERE c.name = 'legacy';

INSERT INTO trial_param (trial_id, campaign_id, name, num_value, str_value, state, rank_class)
SELECT t.id, t.campaign_id, 'lr', CASE t.number WHEN 1 THEN 0.01 WHEN 2 THEN 0.09 WHEN 3 THEN 0.05 ELSE 0.01 END,
       NULL, t.state, t.rank_class FROM trial t;
INSERT INTO trial_param (trial_id, campaign_id, name, num_value, str_value, state, rank_class)
SELECT t.id, t.campaign_id, 'cell', NULL, CASE t.number WHEN 2 THEN 'gru' ELSE 'lstm' END, t.state, t.rank_class
FROM trial t;

INSERT INTO epoch_metric (trial_id, epoch, train_loss, val_loss, val_rmse, duration_ms, campaign_id, recorded_at)
SELECT t.id, e.epoch, e.train_loss, e.val_loss, e.val_rmse, e.duration_ms, t.campaign_id,
       TIMESTAMP WITH TIME ZONE '2026-11-30 10:01:40+00:00'
FROM trial t JOIN (SELECT 1 AS trial_number, 1 AS epoch, 0.05 AS train_loss, 0.02 AS val_loss, 450.0 AS val_rmse, 900 AS duration_ms
                   UNION ALL SELECT 1, 2, 0.03, 0.012, 400.5, 880
                   UNION ALL SELECT 1, 3, 0.02, 0.013, 402.0, 870
                   UNION ALL SELECT 2, 1, 0.09, 0.05, 700.0, 800
                   UNION ALL SELECT 2, 2, 0.08, 0.049, 690.0, 790) e ON e.trial_number = t.number;

INSERT INTO artifact (trial_id, kind, path, sha256, size_bytes)
SELECT id, 'predictions', 'results/artifacts/legacy/trial-1/predictions.csv',
       '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 4096 FROM trial WHERE number = 1;
INSERT INTO provenance (trial_id, config_json, seed, data_sha256, data_first_time_ms, data_last_time_ms, data_rows,
                        lstm_tuner_version, git_commit, java_version, dl4j_version, nd4j_backend, os, arch, threads, host)
SELECT id, '{"symbol":"BTCUSDT","units":[16],"learning_rate":0.01}', 42,
       'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210', 1690000000000, 1700360000000, 2000,
       '0.9.0', 'c39c5d4', '17.0.12', '1.0.0-M2.1', 'nd4j-native', 'Linux', 'amd64', 2, 'host-a'
FROM trial WHERE number = 1;

INSERT INTO note (campaign_id, trial_id, kind, body, created_at)
SELECT id, NULL, 'NOTE', 'baseline run before the holiday data', TIMESTAMP WITH TIME ZONE '2026-11-30 11:00:00+00:00'
FROM campaign WHERE name = 'legacy';
INSERT INTO note (campaign_id, trial_id, kind, body, created_at)
SELECT t.campaign_id, t.id, 'TAG', 'keeper', TIMESTAMP WITH TIME ZONE '2026-11-30 11:01:00+00:00'
FROM trial t WHERE t.number = 1;
