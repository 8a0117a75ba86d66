-- lstm-tuner experiment store, schema version 13 (H2): heartbeats and epoch writes leave the indexes alone.
-- Every epoch and heartbeat updates trial.heartbeat_at; H2 rewrites a secondary index entry only when its columns
-- change, so with heartbeat_at out of the stale index such an update touches the row alone. The stale check reads
-- RUNNING trials by state and id instead (a campaign has a few dozen running). PostgreSQL's version 13 also sets
-- the trial table's fillfactor, which H2 has no notion of: hence one file per vendor.
DROP INDEX trial_stale_idx;
CREATE INDEX trial_running_idx ON trial (state, id);
