-- lstm-tuner experiment store, schema version 12: steering a running campaign (docs/steering.md).
-- paused_at: set while the campaign is paused (workers claim none of its trials; running ones finish), NULL otherwise.
-- CANCELLED: a trial the user cancelled (WAITING or RUNNING), recorded as such and never as a failure; its rank
-- class is 5, after WAITING (store/SortKey), so the classes of the other states keep their values.
ALTER TABLE campaign ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE trial DROP CONSTRAINT trial_state_check;
ALTER TABLE trial ADD CONSTRAINT trial_state_check
    CHECK (state IN ('WAITING', 'RUNNING', 'COMPLETE', 'PRUNED', 'FAILED', 'CANCELLED'));
