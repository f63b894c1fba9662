-- Fills the rollups from the records: the end of migration 0002, and
-- `Store::rebuild_rollups` after emptying them.
INSERT INTO rollup_visits (month, rep_id, written, timely, expense_cents)
SELECT substr(date, 1, 7), author_id, count(*),
       sum(julianday(substr(logged_at, 1, 10)) - julianday(date) <= 2), sum(expense_cents)
FROM visits WHERE deleted_at IS NULL GROUP BY 1, 2;
INSERT INTO rollup_visits (month, rep_id, joined)
SELECT substr(v.date, 1, 7), j.rep_id, count(*) FROM visit_reps j JOIN visits v ON v.id = j.visit_id
WHERE v.deleted_at IS NULL GROUP BY 1, 2
ON CONFLICT DO UPDATE SET joined = excluded.joined;
INSERT INTO rollup_payments (paid_month, rep_id, won_month, cents)
SELECT substr(p.paid_on, 1, 7), d.owner_id,
       CASE WHEN d.stage = 'won' THEN substr(d.won_on, 1, 7) ELSE '' END, sum(p.amount_cents)
FROM payments p JOIN deals d ON d.id = p.deal_id
WHERE p.deleted_at IS NULL AND d.deleted_at IS NULL GROUP BY 1, 2, 3;
INSERT INTO first_wins (customer_id, deal_id, owner_id, won_on)
SELECT customer_id, id, owner_id, won_on FROM (
    SELECT customer_id, id, owner_id, won_on,
           row_number() OVER (PARTITION BY customer_id ORDER BY won_on, id) AS n
    FROM deals WHERE stage = 'won' AND deleted_at IS NULL)
WHERE n = 1;
