-- lstm-tuner experiment store, schema version 16: the fingerprint of the test windows a trial was scored on
-- (DataFingerprint.TestWindows: SHA-256 over the horizon, the target and each test target bar), which decides whether
-- two trials' test errors may be paired even when they loaded different history. NULL for trials recorded before
-- version 16 (they are judged on the data fingerprint) and for pooled models.
ALTER TABLE provenance ADD COLUMN test_sha256 VARCHAR(64);
ALTER TABLE provenance ADD COLUMN test_first_time_ms BIGINT;
ALTER TABLE provenance ADD COLUMN test_last_time_ms BIGINT;
ALTER TABLE provenance ADD COLUMN test_windows INTEGER;
