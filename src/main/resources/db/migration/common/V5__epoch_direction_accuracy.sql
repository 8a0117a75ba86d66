-- lstm-tuner experiment store, schema version 5. From this version on there is one migration per version for
-- every database, in this folder (db/migration/common); where the vendors' types differ, the script names a
-- Flyway placeholder that the store fills in for the database it opens (store/Dialect):
--   ${text_type}       long text          H2: CLOB                  PostgreSQL: TEXT
--   ${small_int_type}  small integer      H2: TINYINT               PostgreSQL: SMALLINT
--   ${double_type}     double precision   H2: DOUBLE PRECISION      PostgreSQL: DOUBLE PRECISION
-- Versions 1-4 stay in db/migration/h2 and db/migration/postgresql as they were written: Flyway checksums them.
-- The next migration takes the next free version number here.

-- The validation direction accuracy of each epoch: the curve of the val_direction_accuracy objective. NULL in
-- epochs recorded before this version (and where it is undefined: no move in the validation windows).
ALTER TABLE epoch_metric ADD COLUMN val_direction_accuracy ${double_type};
