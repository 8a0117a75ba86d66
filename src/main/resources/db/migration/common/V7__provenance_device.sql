-- lstm-tuner experiment store, schema version 7: where and how a trial computed (provenance's DeviceRecord): the
-- device, the recurrent layer actually used, the thread counts in effect and the device plan. NULL for trials
-- recorded before version 7.
ALTER TABLE provenance ADD COLUMN device VARCHAR(100);
ALTER TABLE provenance ADD COLUMN layer_used VARCHAR(300);
ALTER TABLE provenance ADD COLUMN blas_threads INTEGER;
ALTER TABLE provenance ADD COLUMN nd4j_threads INTEGER;
ALTER TABLE provenance ADD COLUMN device_plan VARCHAR(1000);
