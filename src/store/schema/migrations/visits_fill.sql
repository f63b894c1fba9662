-- Fills the visit rollups from the visits: the end of migration 0002 (before
-- rollups_fill.sql), `Store::rebuild_rollups`, and a large import of visits.
INSERT INTO rollup_visits (month, rep_id, written, timely, expense_cents)
SELECT substr(date, 1, 7), author_id, count(*),
       sum(julianday(substr(logged_at, 1, 10)) - julianday(date) <= 2), sum(expense_cents)
FROM visits WHERE deleted_at IS NULL GROUP BY 1, 2;
INSERT INTO rollup_visits (month, rep_id, joined)
SELECT substr(v.date, 1, 7), j.rep_id, count(*) FROM visit_reps j JOIN visits v ON v.id = j.visit_id
WHERE v.deleted_at IS NULL GROUP BY 1, 2
ON CONFLICT DO UPDATE SET joined = excluded.joined;
