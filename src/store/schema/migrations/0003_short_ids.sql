-- Short ids (domain::ids, store::short_ids): people see and type the start of an id's random
-- tail, its last 12 hex digits, because the leading digits of a UUID v7 are its time and are
-- shared by records made together. These indexes find a tail's neighbours when a short id is
-- printed and the records a typed one names, without scanning a million visits. Queries must
-- write the expression exactly as here, `substr(id, 25)`, for SQLite to use them.

CREATE INDEX reps_id_tail ON reps (substr(id, 25));
CREATE INDEX customers_id_tail ON customers (substr(id, 25));
CREATE INDEX contacts_id_tail ON contacts (substr(id, 25));
CREATE INDEX visits_id_tail ON visits (substr(id, 25));
CREATE INDEX deals_id_tail ON deals (substr(id, 25));
CREATE INDEX payments_id_tail ON payments (substr(id, 25));
CREATE INDEX targets_id_tail ON targets (substr(id, 25));
