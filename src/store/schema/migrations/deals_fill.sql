-- Fills rollup_deals from the deals: the end of migration 0007, and `Store::rebuild_rollups`
-- after emptying it.
INSERT INTO rollup_deals (owner_id, stage, n, cents)
SELECT owner_id, stage, count(*), COALESCE(sum(amount_cents), 0)
FROM deals WHERE deleted_at IS NULL GROUP BY 1, 2;
