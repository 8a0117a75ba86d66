-- lstm-tuner experiment store, schema version 13 (PostgreSQL): heartbeats and epoch writes as HOT updates.
-- Every epoch and heartbeat updates trial.heartbeat_at. While an index holds that column, each such update writes a
-- new entry into every one of the trial table's ~37 indexes (a HOT update, which writes none, needs every indexed
-- column unchanged and room on the row's page); with 32 workers that was most of the database's work. The stale
-- check reads RUNNING trials by state and id instead (a campaign has a few dozen running, so filtering their
-- heartbeats costs nothing), and trial pages keep a fifth free for the new row versions.
-- Version 13 in the vendor folders (not common/): fillfactor is PostgreSQL's alone.
DROP INDEX trial_stale_idx;
CREATE INDEX trial_running_idx ON trial (state, id);
ALTER TABLE trial SET (fillfactor = 80);
