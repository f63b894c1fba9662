-- Amounts within a sane range (¥1 000 000 000 000 per record, in cents), whatever writes
-- them: the app, an import, a sync from a hand-edited copy. Two deals of i64::MAX cents made
-- every sum of the team fail; an expense that overflowed turned a rollup column into REAL.
-- The rollup cells are guarded too: a write that would carry one past 10^17 cents (or out of
-- INTEGER) is refused, so they stay exact integers that every period sum can add.

CREATE TRIGGER guard_deals_insert BEFORE INSERT ON deals
WHEN (NEW.amount_cents IS NOT NULL AND (typeof(NEW.amount_cents) != 'integer' OR NEW.amount_cents NOT BETWEEN 0 AND 100000000000000)) OR (NEW.cost_cents IS NOT NULL AND (typeof(NEW.cost_cents) != 'integer' OR NEW.cost_cents NOT BETWEEN 0 AND 100000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_deals_update BEFORE UPDATE ON deals
WHEN (NEW.amount_cents IS NOT NULL AND (typeof(NEW.amount_cents) != 'integer' OR NEW.amount_cents NOT BETWEEN 0 AND 100000000000000)) OR (NEW.cost_cents IS NOT NULL AND (typeof(NEW.cost_cents) != 'integer' OR NEW.cost_cents NOT BETWEEN 0 AND 100000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_payments_insert BEFORE INSERT ON payments
WHEN (NEW.amount_cents IS NOT NULL AND (typeof(NEW.amount_cents) != 'integer' OR NEW.amount_cents NOT BETWEEN 0 AND 100000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_payments_update BEFORE UPDATE ON payments
WHEN (NEW.amount_cents IS NOT NULL AND (typeof(NEW.amount_cents) != 'integer' OR NEW.amount_cents NOT BETWEEN 0 AND 100000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_visits_insert BEFORE INSERT ON visits
WHEN (NEW.expense_cents IS NOT NULL AND (typeof(NEW.expense_cents) != 'integer' OR NEW.expense_cents NOT BETWEEN 0 AND 100000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_visits_update BEFORE UPDATE ON visits
WHEN (NEW.expense_cents IS NOT NULL AND (typeof(NEW.expense_cents) != 'integer' OR NEW.expense_cents NOT BETWEEN 0 AND 100000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_targets_insert BEFORE INSERT ON targets
WHEN (NEW.value IS NOT NULL AND (typeof(NEW.value) != 'integer' OR NEW.value NOT BETWEEN 0 AND 10000000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_targets_update BEFORE UPDATE ON targets
WHEN (NEW.value IS NOT NULL AND (typeof(NEW.value) != 'integer' OR NEW.value NOT BETWEEN 0 AND 10000000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_rollup_visits_insert BEFORE INSERT ON rollup_visits
WHEN (NEW.expense_cents IS NOT NULL AND (typeof(NEW.expense_cents) != 'integer' OR NEW.expense_cents NOT BETWEEN 0 AND 100000000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_rollup_visits_update BEFORE UPDATE ON rollup_visits
WHEN (NEW.expense_cents IS NOT NULL AND (typeof(NEW.expense_cents) != 'integer' OR NEW.expense_cents NOT BETWEEN 0 AND 100000000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_rollup_payments_insert BEFORE INSERT ON rollup_payments
WHEN (NEW.cents IS NOT NULL AND (typeof(NEW.cents) != 'integer' OR NEW.cents NOT BETWEEN -100000000000000000 AND 100000000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;

CREATE TRIGGER guard_rollup_payments_update BEFORE UPDATE ON rollup_payments
WHEN (NEW.cents IS NOT NULL AND (typeof(NEW.cents) != 'integer' OR NEW.cents NOT BETWEEN -100000000000000000 AND 100000000000000000))
BEGIN
    SELECT RAISE(ABORT, 'salestrack:amount_range');
END;
