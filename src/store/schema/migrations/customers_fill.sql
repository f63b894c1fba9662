-- Fills rollup_customers from the customers: the end of migration 0008, and
-- `Store::rebuild_rollups` after emptying it.
INSERT INTO rollup_customers (owner_id, grade, n)
SELECT COALESCE(owner_id, ''), grade, count(*) FROM customers WHERE deleted_at IS NULL
GROUP BY 1, 2;
