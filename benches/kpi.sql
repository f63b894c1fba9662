-- The SQL that `salestrack kpi --period 2026-Q3 --json` runs, for sqlite3 to run on the same
-- file: `sqlite3 -readonly benches/cache/reference-7-100000.db < benches/kpi.sql`.
-- `cargo bench --bench kpi` times both (best of 5) and prints the ratio (budget ≤ 1.5).
-- Keep it in step with src/store/kpi/ (metrics.rs, scorecards.rs, ratings.rs, templates.rs).

-- Who is scored, their targets, ratings and the template in force.
SELECT id, name, login, role, team, joined_on, left_on FROM reps WHERE deleted_at IS NULL ORDER BY team, name;
SELECT scope, metric, value FROM targets
 WHERE scope_kind = 'rep' AND period = '2026-Q3' AND deleted_at IS NULL;
SELECT id, rep_id, attitude, knowledge, teamwork, comment, response FROM ratings
 WHERE period = '2026-Q3' AND deleted_at IS NULL;
SELECT id, body FROM scorecard_templates WHERE deleted_at IS NULL;

-- The actuals (store::kpi::metrics::tallies), one grouped query each for all reps; payments,
-- first wins and visits from the rollups that triggers keep (migration 0002).
SELECT owner_id, sum(amount_cents), sum(COALESCE(cost_cents, 0)), count(*),
       CAST(sum(julianday(won_on) - julianday(opened_on)) AS INTEGER)
  FROM deals WHERE stage = 'won' AND won_on BETWEEN '2026-07-01' AND '2026-09-30' AND deleted_at IS NULL
 GROUP BY owner_id;
SELECT rep_id, sum(cents) FROM rollup_payments
 WHERE won_month BETWEEN '2026-07' AND '2026-09' AND paid_month <= '2026-09'
 GROUP BY rep_id;
SELECT rep_id, sum(cents) FROM rollup_payments
 WHERE paid_month BETWEEN '2026-07' AND '2026-09'
 GROUP BY rep_id;
SELECT owner_id, count(*) FROM first_wins WHERE won_on BETWEEN '2026-07-01' AND '2026-09-30'
 GROUP BY owner_id;
SELECT rep_id, sum(written), sum(timely), sum(expense_cents), sum(joined)
  FROM rollup_visits WHERE month BETWEEN '2026-07' AND '2026-09'
 GROUP BY rep_id;

-- The consistent over-achiever: sales by month of 2026 and the sales targets of the three
-- quarters judged (2026-Q3, Q2, Q1).
SELECT owner_id, CAST(substr(won_on, 6, 2) AS INTEGER), sum(amount_cents) FROM deals
 WHERE stage = 'won' AND won_on BETWEEN '2026-01-01' AND '2026-12-31' AND deleted_at IS NULL GROUP BY 1, 2;
SELECT scope, metric, value FROM targets
 WHERE scope_kind = 'rep' AND period IN ('2026-Q3', '2026-Q2', '2026-Q1') AND deleted_at IS NULL;
