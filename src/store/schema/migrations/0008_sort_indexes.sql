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

-- Live customers by owner ('' for the pool) and grade, kept by triggers like the other
-- rollups: the customer list's count without a filter by name (the whole archive, a rep's
-- own and the pool, a quick filter by owner, pool or grade) reads a few hundred rows.
CREATE TABLE rollup_customers (
    owner_id TEXT NOT NULL,
    grade TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (owner_id, grade)
) WITHOUT ROWID;

CREATE TRIGGER rollup_customers_insert AFTER INSERT ON customers WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO rollup_customers (owner_id, grade, n)
    VALUES (COALESCE(NEW.owner_id, ''), NEW.grade, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER rollup_customers_update AFTER UPDATE OF owner_id, grade, deleted_at ON customers
BEGIN
    UPDATE rollup_customers SET n = n - 1
    WHERE OLD.deleted_at IS NULL AND owner_id = COALESCE(OLD.owner_id, '') AND grade = OLD.grade;
    INSERT INTO rollup_customers (owner_id, grade, n)
    SELECT COALESCE(NEW.owner_id, ''), NEW.grade, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
    DELETE FROM rollup_customers WHERE n = 0;
END;

CREATE TRIGGER rollup_customers_delete AFTER DELETE ON customers WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE rollup_customers SET n = n - 1
    WHERE owner_id = COALESCE(OLD.owner_id, '') AND grade = OLD.grade;
    DELETE FROM rollup_customers WHERE n = 0;
END;
