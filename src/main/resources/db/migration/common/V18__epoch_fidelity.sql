-- lstm-tuner experiment store, schema version 14: the fidelity of each epoch, the share of the training windows
-- (the most recent ones) it trained on under its config's "fidelity" schedule (multi-fidelity ASHA). NULL in epochs
-- recorded before this version: those trained on all the training windows (read as 1).
ALTER TABLE epoch_metric ADD COLUMN fidelity ${double_type};
