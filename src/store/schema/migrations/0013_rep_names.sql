-- Reps by name: a column that names people shows the login beside a name two reps share
-- (`store::reps::shown_name!`), which asks of every row whether another rep has its name.
CREATE INDEX IF NOT EXISTS reps_name ON reps (name);
