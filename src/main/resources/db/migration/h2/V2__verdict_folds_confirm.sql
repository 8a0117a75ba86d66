-- lstm-tuner experiment store, schema version 2.
-- persistence_statistic / persistence_p: Diebold–Mariano test of the model against persistence on the test windows,
-- so the leaderboard can sort and filter on whether a trial really beats "next price = last price".
-- folds_json: each walk-forward fold's scores (null for a single split).
-- confirm_of: a confirmation run (same params, another seed) points at the trial it confirms.
ALTER TABLE trial ADD COLUMN persistence_statistic DOUBLE PRECISION;
ALTER TABLE trial ADD COLUMN persistence_p DOUBLE PRECISION;
ALTER TABLE trial ADD COLUMN folds_json CLOB;
ALTER TABLE trial ADD COLUMN confirm_of BIGINT;
CREATE INDEX trial_confirm_of_idx ON trial (confirm_of);
CREATE INDEX trial_rank_persistence_p_idx ON trial (campaign_id, rank_class, persistence_p NULLS LAST, number);
CREATE INDEX trial_state_persistence_p_idx ON trial (campaign_id, state, persistence_p NULLS LAST, number);
