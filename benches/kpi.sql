-- The SQL that `salestrack kpi --period 2026-Q3 --json` runs, for sqlite3 to run on the same
-- file: `sqlite3 -readonly benches/cache/reference-7-100000.db < benches/kpi.sql`.
-- `cargo bench --bench kpi` times both (best of 5) and prints the ratio (budget ≤ 1.5).
-- Keep it in step with src/store/metrics.rs, scorecards.rs, ratings.rs and templates.rs.

-- Who is scored, their targets, ratings and the template in force.
SELECT id, name, login, role, team, joined_on, left_on FROM reps WHERE deleted_at IS NULL ORDER BY team, name;
SELECT scope, metric, value FROM targets
 WHERE scope_kind = 'rep' AND period = '2026-Q3' AND deleted_at IS NULL;
SELECT id, rep_id, attitude, knowledge, teamwork, comment, response FROM ratings
 WHERE period = '2026-Q3' AND deleted_at IS NULL;
SELECT id, body FROM scorecard_templates WHERE deleted_at IS NULL;

-- The actuals (store::metrics::tallies), one grouped query each for all reps.
SELECT owner_id, sum(amount_cents), sum(COALESCE(cost_cents, 0)), count(*),
       CAST(sum(julianday(won_on) - julianday(opened_on)) AS INTEGER)
  FROM deals WHERE stage = 'won' AND won_on BETWEEN '2026-07-01' AND '2026-09-30' AND deleted_at IS NULL
 GROUP BY owner_id;
SELECT d.owner_id, sum(p.amount_cents) FROM deals d JOIN payments p ON p.deal_id = d.id
 WHERE d.stage = 'won' AND d.won_on BETWEEN '2026-07-01' AND '2026-09-30' AND p.paid_on <= '2026-09-30'
   AND d.deleted_at IS NULL AND p.deleted_at IS NULL
 GROUP BY d.owner_id;
SELECT d.owner_id, sum(p.amount_cents) FROM payments p JOIN deals d ON d.id = p.deal_id
 WHERE p.paid_on BETWEEN '2026-07-01' AND '2026-09-30' AND p.deleted_at IS NULL AND d.deleted_at IS NULL
 GROUP BY d.owner_id;
SELECT d.owner_id, count(*) FROM deals d
 WHERE d.stage = 'won' AND d.won_on BETWEEN '2026-07-01' AND '2026-09-30' AND d.deleted_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM deals e WHERE e.customer_id = d.customer_id
       AND e.stage = 'won' AND e.deleted_at IS NULL
       AND (e.won_on < d.won_on OR (e.won_on = d.won_on AND e.id < d.id)))
 GROUP BY d.owner_id;
SELECT author_id, count(*), sum(julianday(substr(logged_at, 1, 10)) - julianday(date) <= 2),
       sum(expense_cents)
  FROM visits WHERE date BETWEEN '2026-07-01' AND '2026-09-30' AND deleted_at IS NULL
 GROUP BY author_id;
SELECT j.rep_id, count(*) FROM visit_reps j JOIN visits v ON v.id = j.visit_id
 WHERE v.date BETWEEN '2026-07-01' AND '2026-09-30' AND v.deleted_at IS NULL
 GROUP BY j.rep_id;

-- The consistent over-achiever: sales by month of 2026 and the sales targets of the three
-- quarters judged (2026-Q3, Q2, Q1).
SELECT owner_id, CAST(substr(won_on, 6, 2) AS INTEGER), sum(amount_cents) FROM deals
 WHERE stage = 'won' AND won_on BETWEEN '2026-01-01' AND '2026-12-31' AND deleted_at IS NULL GROUP BY 1, 2;
SELECT scope, metric, value FROM targets
 WHERE scope_kind = 'rep' AND period IN ('2026-Q3', '2026-Q2', '2026-Q1') AND deleted_at IS NULL;
