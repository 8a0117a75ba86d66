-- lstm-tuner experiment store, schema version 11: each COMPLETE trial's value of every metric a campaign may have
-- as one of several objectives (val_rmse, val_loss, val_direction_accuracy, params, training_seconds), written
-- once when the trial completes. The validation values are means over the trial's folds, which the final metrics
-- do not keep for a single split, hence their own rows. Versions 9 and 10 are other branches' migrations.
CREATE TABLE trial_objective (
    trial_id  BIGINT NOT NULL REFERENCES trial (id) ON DELETE CASCADE,
    objective VARCHAR(32) NOT NULL,
    val       ${double_type},
    PRIMARY KEY (trial_id, objective)
);
