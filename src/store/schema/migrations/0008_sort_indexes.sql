-- The customer list's other orders, and one rep's deals, served by an index each, both ways (README, For
-- developers): a region or a follow-up sorts blanks last, which is the expression
-- `x IS NULL` first; the last visit sorts newest first. Each ends with the name key and the
-- id, as the list's order does, so a window is read from the index without sorting.
DROP INDEX customers_region;
CREATE INDEX customers_region_order ON customers (region IS NULL, region, name_key, id);
CREATE INDEX customers_last_visit_order ON customers (last_visit_on DESC, name_key, id);
CREATE INDEX customers_follow_up_order
    ON customers (next_follow_up IS NULL, next_follow_up, name_key, id);

-- One rep's deals (the Deals tab's `m`), newest opened first, without walking the others'.
CREATE INDEX deals_owner_opened ON deals (owner_id, opened_on, id) WHERE deleted_at IS NULL;
