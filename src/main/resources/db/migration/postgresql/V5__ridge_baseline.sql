-- lstm-tuner experiment store, schema version 5: the ridge baseline beside persistence.
-- ridge_rmse / ridge_p: the ridge regression of baseline/ fitted on the trial's own training windows, its RMSE and
-- the Diebold–Mariano p-value of the model against it on the same test windows (null for trials evaluated before
-- version 5), so "beats a linear model" is answered beside "beats persistence".
ALTER TABLE trial ADD COLUMN ridge_rmse DOUBLE PRECISION;
ALTER TABLE trial ADD COLUMN ridge_p DOUBLE PRECISION;
