-- Rollups: per rep and month sums kept by triggers, so the Targets grid and the scorecards add
-- up a few thousand rows instead of scanning a million visits and joining every payment
-- (benches/README.md). They are derived data: sync never copies them (the triggers fill them as
-- records arrive), and `Store::rebuild_rollups` recomputes them from the records.
--
-- Months are 'YYYY-MM', so every period (month, quarter, year) is a range of months.
-- A contribution is added when a record becomes live and taken away when it stops being
-- live or changes key, so an edit is "subtract OLD, add NEW". A row that falls to nothing is
-- deleted, so the rollups always equal a fresh fill: two copies with the same records have
-- the same rollups, row for row.

CREATE TABLE rollup_visits (
    month           TEXT NOT NULL,
    rep_id          TEXT NOT NULL,
    written         INTEGER NOT NULL DEFAULT 0,  -- visits authored
    timely          INTEGER NOT NULL DEFAULT 0,  -- of those, logged within two days
    expense_cents   INTEGER NOT NULL DEFAULT 0,
    joined          INTEGER NOT NULL DEFAULT 0,  -- visits joined as a joint rep
    PRIMARY KEY (month, rep_id)
) WITHOUT ROWID;

-- Payments on live deals, by the deal owner, the month paid and the month the deal was won
-- ('' while it is not won): collected sums by paid month, "paid by the period's end" sums
-- the won months of the period up to its last paid month.
CREATE TABLE rollup_payments (
    paid_month      TEXT NOT NULL,
    rep_id          TEXT NOT NULL,
    won_month       TEXT NOT NULL,
    cents           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (paid_month, rep_id, won_month)
) WITHOUT ROWID;
CREATE INDEX rollup_payments_won ON rollup_payments (won_month, paid_month);

-- Each customer's first live won deal (earliest won_on, then smallest id): a new customer
-- for that deal's owner in that month.
CREATE TABLE first_wins (
    customer_id     TEXT PRIMARY KEY,
    deal_id         TEXT NOT NULL,
    owner_id        TEXT NOT NULL,
    won_on          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX first_wins_won ON first_wins (won_on, owner_id);

-- ---------------------------------------------------------------- visits
CREATE TRIGGER rollup_visit_insert AFTER INSERT ON visits WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO rollup_visits (month, rep_id, written, timely, expense_cents)
    VALUES (substr(NEW.date, 1, 7), NEW.author_id, 1,
            julianday(substr(NEW.logged_at, 1, 10)) - julianday(NEW.date) <= 2, NEW.expense_cents)
    ON CONFLICT DO UPDATE SET written = written + excluded.written,
        timely = timely + excluded.timely, expense_cents = expense_cents + excluded.expense_cents;
    INSERT INTO rollup_visits (month, rep_id, joined)
    SELECT substr(NEW.date, 1, 7), rep_id, 1 FROM visit_reps WHERE visit_id = NEW.id
    ON CONFLICT DO UPDATE SET joined = joined + 1;
END;

CREATE TRIGGER rollup_visit_update
AFTER UPDATE OF date, author_id, logged_at, expense_cents, deleted_at ON visits
BEGIN
    UPDATE rollup_visits SET written = written - 1,
        timely = timely - (julianday(substr(OLD.logged_at, 1, 10)) - julianday(OLD.date) <= 2),
        expense_cents = expense_cents - OLD.expense_cents
    WHERE OLD.deleted_at IS NULL AND month = substr(OLD.date, 1, 7) AND rep_id = OLD.author_id;
    UPDATE rollup_visits SET joined = joined - 1
    WHERE OLD.deleted_at IS NULL AND month = substr(OLD.date, 1, 7)
      AND rep_id IN (SELECT rep_id FROM visit_reps WHERE visit_id = OLD.id);
    DELETE FROM rollup_visits WHERE month = substr(OLD.date, 1, 7) AND written = 0 AND joined = 0;
    INSERT INTO rollup_visits (month, rep_id, written, timely, expense_cents)
    SELECT substr(NEW.date, 1, 7), NEW.author_id, 1,
           julianday(substr(NEW.logged_at, 1, 10)) - julianday(NEW.date) <= 2, NEW.expense_cents
    WHERE NEW.deleted_at IS NULL
    ON CONFLICT DO UPDATE SET written = written + excluded.written,
        timely = timely + excluded.timely, expense_cents = expense_cents + excluded.expense_cents;
    INSERT INTO rollup_visits (month, rep_id, joined)
    SELECT substr(NEW.date, 1, 7), rep_id, 1 FROM visit_reps
    WHERE NEW.deleted_at IS NULL AND visit_id = NEW.id
    ON CONFLICT DO UPDATE SET joined = joined + 1;
END;

CREATE TRIGGER rollup_visit_delete AFTER DELETE ON visits WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE rollup_visits SET written = written - 1,
        timely = timely - (julianday(substr(OLD.logged_at, 1, 10)) - julianday(OLD.date) <= 2),
        expense_cents = expense_cents - OLD.expense_cents
    WHERE month = substr(OLD.date, 1, 7) AND rep_id = OLD.author_id;
    UPDATE rollup_visits SET joined = joined - 1
    WHERE month = substr(OLD.date, 1, 7)
      AND rep_id IN (SELECT rep_id FROM visit_reps WHERE visit_id = OLD.id);
    DELETE FROM rollup_visits WHERE month = substr(OLD.date, 1, 7) AND written = 0 AND joined = 0;
END;

CREATE TRIGGER rollup_joined_insert AFTER INSERT ON visit_reps
BEGIN
    INSERT INTO rollup_visits (month, rep_id, joined)
    SELECT substr(v.date, 1, 7), NEW.rep_id, 1 FROM visits v
    WHERE v.id = NEW.visit_id AND v.deleted_at IS NULL
    ON CONFLICT DO UPDATE SET joined = joined + 1;
END;

CREATE TRIGGER rollup_joined_delete AFTER DELETE ON visit_reps
BEGIN
    UPDATE rollup_visits SET joined = joined - 1
    WHERE rep_id = OLD.rep_id AND month = (SELECT substr(v.date, 1, 7) FROM visits v
        WHERE v.id = OLD.visit_id AND v.deleted_at IS NULL);
    DELETE FROM rollup_visits WHERE rep_id = OLD.rep_id AND written = 0 AND joined = 0
      AND month = (SELECT substr(v.date, 1, 7) FROM visits v WHERE v.id = OLD.visit_id);
END;

-- ---------------------------------------------------------------- payments
CREATE TRIGGER rollup_payment_insert AFTER INSERT ON payments WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO rollup_payments (paid_month, rep_id, won_month, cents)
    SELECT substr(NEW.paid_on, 1, 7), d.owner_id,
           CASE WHEN d.stage = 'won' THEN substr(d.won_on, 1, 7) ELSE '' END, NEW.amount_cents
    FROM deals d WHERE d.id = NEW.deal_id AND d.deleted_at IS NULL
    ON CONFLICT DO UPDATE SET cents = cents + excluded.cents;
END;

CREATE TRIGGER rollup_payment_update
AFTER UPDATE OF deal_id, paid_on, amount_cents, deleted_at ON payments
BEGIN
    UPDATE rollup_payments SET cents = cents - OLD.amount_cents
    WHERE OLD.deleted_at IS NULL AND paid_month = substr(OLD.paid_on, 1, 7)
      AND (rep_id, won_month) = (SELECT d.owner_id,
               CASE WHEN d.stage = 'won' THEN substr(d.won_on, 1, 7) ELSE '' END
           FROM deals d WHERE d.id = OLD.deal_id AND d.deleted_at IS NULL);
    DELETE FROM rollup_payments WHERE paid_month = substr(OLD.paid_on, 1, 7) AND cents = 0;
    INSERT INTO rollup_payments (paid_month, rep_id, won_month, cents)
    SELECT substr(NEW.paid_on, 1, 7), d.owner_id,
           CASE WHEN d.stage = 'won' THEN substr(d.won_on, 1, 7) ELSE '' END, NEW.amount_cents
    FROM deals d WHERE NEW.deleted_at IS NULL AND d.id = NEW.deal_id AND d.deleted_at IS NULL
    ON CONFLICT DO UPDATE SET cents = cents + excluded.cents;
END;

CREATE TRIGGER rollup_payment_delete AFTER DELETE ON payments WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE rollup_payments SET cents = cents - OLD.amount_cents
    WHERE paid_month = substr(OLD.paid_on, 1, 7)
      AND (rep_id, won_month) = (SELECT d.owner_id,
               CASE WHEN d.stage = 'won' THEN substr(d.won_on, 1, 7) ELSE '' END
           FROM deals d WHERE d.id = OLD.deal_id AND d.deleted_at IS NULL);
    DELETE FROM rollup_payments WHERE paid_month = substr(OLD.paid_on, 1, 7) AND cents = 0;
END;

-- ---------------------------------------------------------------- deals
-- A deal changing owner, won month or liveness moves its live payments with it, and may
-- change its customer's first win.
CREATE TRIGGER rollup_deal_update
AFTER UPDATE OF owner_id, stage, won_on, deleted_at, customer_id ON deals
BEGIN
    UPDATE rollup_payments SET cents = cents - p.total
    FROM (SELECT substr(paid_on, 1, 7) AS month, sum(amount_cents) AS total FROM payments
          WHERE deal_id = OLD.id AND deleted_at IS NULL GROUP BY 1) AS p
    WHERE OLD.deleted_at IS NULL AND rollup_payments.paid_month = p.month
      AND rollup_payments.rep_id = OLD.owner_id
      AND rollup_payments.won_month =
          CASE WHEN OLD.stage = 'won' THEN substr(OLD.won_on, 1, 7) ELSE '' END;
    DELETE FROM rollup_payments WHERE cents = 0 AND paid_month IN
        (SELECT substr(paid_on, 1, 7) FROM payments WHERE deal_id = OLD.id);
    INSERT INTO rollup_payments (paid_month, rep_id, won_month, cents)
    SELECT substr(paid_on, 1, 7), NEW.owner_id,
           CASE WHEN NEW.stage = 'won' THEN substr(NEW.won_on, 1, 7) ELSE '' END,
           sum(amount_cents)
    FROM payments WHERE NEW.deleted_at IS NULL AND deal_id = NEW.id AND deleted_at IS NULL
    GROUP BY 1
    ON CONFLICT DO UPDATE SET cents = cents + excluded.cents;

    DELETE FROM first_wins WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
    INSERT INTO first_wins (customer_id, deal_id, owner_id, won_on)
    SELECT customer_id, id, owner_id, won_on FROM deals
    WHERE customer_id = OLD.customer_id AND stage = 'won' AND deleted_at IS NULL
    ORDER BY won_on, id LIMIT 1;
    INSERT INTO first_wins (customer_id, deal_id, owner_id, won_on)
    SELECT customer_id, id, owner_id, won_on FROM deals
    WHERE NEW.customer_id <> OLD.customer_id
      AND customer_id = NEW.customer_id AND stage = 'won' AND deleted_at IS NULL
    ORDER BY won_on, id LIMIT 1;
END;

CREATE TRIGGER rollup_deal_insert AFTER INSERT ON deals
WHEN NEW.stage = 'won' AND NEW.deleted_at IS NULL
BEGIN
    INSERT INTO first_wins (customer_id, deal_id, owner_id, won_on)
    VALUES (NEW.customer_id, NEW.id, NEW.owner_id, NEW.won_on)
    ON CONFLICT DO UPDATE SET deal_id = excluded.deal_id, owner_id = excluded.owner_id,
        won_on = excluded.won_on
    WHERE (excluded.won_on, excluded.deal_id) < (first_wins.won_on, first_wins.deal_id);
END;

CREATE TRIGGER rollup_deal_delete AFTER DELETE ON deals WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE rollup_payments SET cents = cents - p.total
    FROM (SELECT substr(paid_on, 1, 7) AS month, sum(amount_cents) AS total FROM payments
          WHERE deal_id = OLD.id AND deleted_at IS NULL GROUP BY 1) AS p
    WHERE rollup_payments.paid_month = p.month AND rollup_payments.rep_id = OLD.owner_id
      AND rollup_payments.won_month =
          CASE WHEN OLD.stage = 'won' THEN substr(OLD.won_on, 1, 7) ELSE '' END;
    DELETE FROM rollup_payments WHERE cents = 0 AND paid_month IN
        (SELECT substr(paid_on, 1, 7) FROM payments WHERE deal_id = OLD.id);
    DELETE FROM first_wins WHERE customer_id = OLD.customer_id;
    INSERT INTO first_wins (customer_id, deal_id, owner_id, won_on)
    SELECT customer_id, id, owner_id, won_on FROM deals
    WHERE customer_id = OLD.customer_id AND stage = 'won' AND deleted_at IS NULL
    ORDER BY won_on, id LIMIT 1;
END;

