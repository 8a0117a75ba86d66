-- lstm-tuner experiment store, schema version 6: the ridge baseline beside persistence.
-- ridge_rmse / ridge_p: the ridge regression of baseline/ fitted on the trial's own training windows, its RMSE and
-- the Diebold–Mariano p-value of the model against it on the same test windows (NULL for trials evaluated before
-- this version), so "beats a linear model" is answered beside "beats persistence".
ALTER TABLE trial ADD COLUMN ridge_rmse ${double_type};
ALTER TABLE trial ADD COLUMN ridge_p ${double_type};
