-- Fills the payment rollups and the first wins from the records: the end of migration 0002
-- (after visits_fill.sql), and `Store::rebuild_rollups` after emptying them.
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
