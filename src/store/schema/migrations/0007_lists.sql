-- Lists and the Deals tab without reading whole tables (README, For developers): an index
-- for the deal list's order and for the customer list's stage and region orders, and the
-- pipeline's totals by owner and stage, kept by triggers like the rollups of 0002 (sync's
-- writes fire them too; a fresh fill follows, in deals_fill.sql).
CREATE INDEX deals_opened ON deals (opened_on, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_stage ON customers (stage, name_key);
CREATE INDEX customers_region ON customers (region, name_key);

-- Live deals by owner and stage: how many, and their amounts (a deal without an amount
-- counts, with nothing).
CREATE TABLE rollup_deals (
    owner_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    n INTEGER NOT NULL,
    cents INTEGER NOT NULL,
    PRIMARY KEY (owner_id, stage)
) WITHOUT ROWID;

CREATE TRIGGER rollup_deals_insert AFTER INSERT ON deals WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO rollup_deals (owner_id, stage, n, cents)
    VALUES (NEW.owner_id, NEW.stage, 1, COALESCE(NEW.amount_cents, 0))
    ON CONFLICT DO UPDATE SET n = n + 1, cents = cents + excluded.cents;
END;

CREATE TRIGGER rollup_deals_update
AFTER UPDATE OF owner_id, stage, amount_cents, deleted_at ON deals
BEGIN
    UPDATE rollup_deals SET n = n - 1, cents = cents - COALESCE(OLD.amount_cents, 0)
    WHERE OLD.deleted_at IS NULL AND owner_id = OLD.owner_id AND stage = OLD.stage;
    INSERT INTO rollup_deals (owner_id, stage, n, cents)
    SELECT NEW.owner_id, NEW.stage, 1, COALESCE(NEW.amount_cents, 0) WHERE NEW.deleted_at IS NULL
    ON CONFLICT DO UPDATE SET n = n + 1, cents = cents + excluded.cents;
    DELETE FROM rollup_deals WHERE n = 0;
END;

CREATE TRIGGER rollup_deals_delete AFTER DELETE ON deals WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE rollup_deals SET n = n - 1, cents = cents - COALESCE(OLD.amount_cents, 0)
    WHERE owner_id = OLD.owner_id AND stage = OLD.stage;
    DELETE FROM rollup_deals WHERE n = 0;
END;
