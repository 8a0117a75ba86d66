-- lstm-tuner experiment store, schema version 15: enqueues and claims that land exactly once.
-- A connection lost at COMMIT leaves it unknown whether the commit landed. Each enqueue (one token for its batch)
-- and each claim writes a random token of its own; the retry looks for it before doing the work again, so no trial
-- is enqueued twice and no worker holds two claims. Older rows have none (NULL).
ALTER TABLE trial ADD COLUMN enqueue_token VARCHAR(36);
ALTER TABLE trial ADD COLUMN claim_token VARCHAR(36);
CREATE INDEX trial_enqueue_token_idx ON trial (enqueue_token);
CREATE INDEX trial_claim_token_idx ON trial (claim_token);
