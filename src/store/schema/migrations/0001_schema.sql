-- The whole data model of the data model (src/store/schema/migrations/0001_schema.sql).
--
-- Conventions, so that sync (README, Offline: a laptop copy and `sync`) can merge copies edited apart:
--  * every record has `id` TEXT: a UUID v7, hyphenated lower-case;
--  * every record has created_at / updated_at (UTC, RFC 3339 with milliseconds, so text order
--    is time order) and updated_by (the login that last changed it);
--  * deletion is soft: `deleted_at` is set (a tombstone) and the row stays;
--  * dates are TEXT 'YYYY-MM-DD'; money is INTEGER cents; periods are TEXT '2026', '2026-Q3', '2026-11'.

CREATE TABLE workspace (
    id          TEXT PRIMARY KEY,           -- the same in every copy of one database
    created_at  TEXT NOT NULL
);

CREATE TABLE reps (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    login       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('manager', 'rep')),
    team        TEXT NOT NULL DEFAULT 'sales',
    phone       TEXT,
    email       TEXT,
    joined_on   TEXT,
    left_on     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX reps_login ON reps (login) WHERE deleted_at IS NULL;
CREATE INDEX reps_team ON reps (team);

CREATE TABLE customers (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL,          -- NFKC + trim + case fold: the uniqueness rule
    grade           TEXT NOT NULL DEFAULT 'C' CHECK (grade IN ('A', 'B', 'C', 'D')),
    stage           TEXT NOT NULL DEFAULT 'lead'
                    CHECK (stage IN ('lead', 'prospect', 'customer', 'dormant', 'lost')),
    owner_id        TEXT REFERENCES reps (id),   -- NULL: the public pool
    industry        TEXT,
    size            TEXT,
    region          TEXT,
    source          TEXT,
    address         TEXT,
    tags            TEXT,
    notes           TEXT,
    next_follow_up  TEXT,
    -- Kept by the store on every visit write, so the archive can sort and flag overdue
    -- customers without scanning a million visits.
    last_visit_on   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE UNIQUE INDEX customers_name_key ON customers (name_key) WHERE deleted_at IS NULL;
CREATE INDEX customers_owner ON customers (owner_id, name_key);
CREATE INDEX customers_follow_up ON customers (next_follow_up);
CREATE INDEX customers_last_visit ON customers (last_visit_on);
CREATE INDEX customers_grade ON customers (grade, name_key);

CREATE TABLE contacts (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    name            TEXT NOT NULL,
    title           TEXT,
    phone           TEXT,
    email           TEXT,
    purchase_role   TEXT CHECK (purchase_role IN
                    ('decision_maker', 'buyer', 'user', 'influencer', 'evaluator', 'coach')),
    personality     TEXT CHECK (personality IN ('driver', 'expressive', 'analytical', 'amiable')),
    notes           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX contacts_customer ON contacts (customer_id);

CREATE TABLE visits (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    author_id       TEXT NOT NULL REFERENCES reps (id),
    date            TEXT NOT NULL,
    kind            TEXT NOT NULL DEFAULT 'visit'
                    CHECK (kind IN ('visit', 'call', 'meeting', 'online', 'exhibition', 'other')),
    purpose         TEXT,
    summary         TEXT NOT NULL,
    outcome         TEXT,
    next_step       TEXT,
    next_follow_up  TEXT,
    expense_cents   INTEGER NOT NULL DEFAULT 0 CHECK (expense_cents >= 0),
    logged_at       TEXT NOT NULL,          -- set by the system, never typed
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
);
-- Partial: the log and its count read live visits only, from this small index.
CREATE INDEX visits_date ON visits (date, id) WHERE deleted_at IS NULL;
CREATE INDEX visits_customer ON visits (customer_id, date);
CREATE INDEX visits_author ON visits (author_id, date);
-- Covering the metrics' count of visits per author over a span of days.
CREATE INDEX visits_date_author ON visits (date, author_id) WHERE deleted_at IS NULL;

-- Joint reps (协同拜访) and contacts met: children of a visit, keyed by the pair.
CREATE TABLE visit_reps (
    visit_id    TEXT NOT NULL REFERENCES visits (id),
    rep_id      TEXT NOT NULL REFERENCES reps (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (visit_id, rep_id)
) WITHOUT ROWID;
CREATE INDEX visit_reps_rep ON visit_reps (rep_id, visit_id);

CREATE TABLE visit_contacts (
    visit_id    TEXT NOT NULL REFERENCES visits (id),
    contact_id  TEXT NOT NULL REFERENCES contacts (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (visit_id, contact_id)
) WITHOUT ROWID;

CREATE TABLE deals (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    owner_id        TEXT NOT NULL REFERENCES reps (id),
    title           TEXT NOT NULL,
    stage           TEXT NOT NULL DEFAULT 'lead' CHECK (stage IN
                    ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
    amount_cents    INTEGER CHECK (amount_cents >= 0),
    cost_cents      INTEGER CHECK (cost_cents >= 0),
    product_line    TEXT,
    opened_on       TEXT NOT NULL,
    won_on          TEXT,
    lost_reason     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (stage <> 'won' OR (won_on IS NOT NULL AND amount_cents IS NOT NULL)),
    CHECK (stage <> 'lost' OR lost_reason IS NOT NULL)
);
CREATE INDEX deals_owner ON deals (owner_id, stage, won_on);
CREATE INDEX deals_won ON deals (won_on) WHERE stage = 'won';
CREATE INDEX deals_customer ON deals (customer_id);
-- No index on stage alone: with no statistics SQLite would take it for the new-customers
-- test (a customer's first won deal) and walk every won deal for each one.

CREATE TABLE payments (
    id              TEXT PRIMARY KEY,
    deal_id         TEXT NOT NULL REFERENCES deals (id),
    paid_on         TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX payments_deal ON payments (deal_id, paid_on);
CREATE INDEX payments_paid_on ON payments (paid_on);

CREATE TABLE targets (
    id              TEXT PRIMARY KEY,
    scope_kind      TEXT NOT NULL CHECK (scope_kind IN ('team', 'rep')),
    scope           TEXT NOT NULL,          -- the team's name, or the rep's id
    metric          TEXT NOT NULL CHECK (metric IN
                    ('sales', 'gross_profit', 'collected', 'new_customers', 'visits')),
    period          TEXT NOT NULL,
    value           INTEGER NOT NULL CHECK (value >= 0),  -- cents for money metrics, else a count
    note            TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE UNIQUE INDEX targets_one ON targets (scope_kind, scope, metric, period)
    WHERE deleted_at IS NULL;
CREATE INDEX targets_period ON targets (period, metric);

-- Append-only logs: never updated, so sync unions them by id.
CREATE TABLE target_changes (
    id              TEXT PRIMARY KEY,
    target_id       TEXT NOT NULL REFERENCES targets (id),
    old_value       INTEGER,
    new_value       INTEGER,
    reason          TEXT,
    changed_by      TEXT NOT NULL,
    changed_at      TEXT NOT NULL
);
CREATE INDEX target_changes_target ON target_changes (target_id, changed_at);

CREATE TABLE ownership_changes (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    from_rep_id     TEXT REFERENCES reps (id),
    to_rep_id       TEXT REFERENCES reps (id),
    why             TEXT NOT NULL CHECK (why IN
                    ('assign', 'claim', 'release', 'handover', 'sweep', 'import', 'create')),
    changed_by      TEXT NOT NULL,
    changed_at      TEXT NOT NULL
);
CREATE INDEX ownership_changes_customer ON ownership_changes (customer_id, changed_at);
CREATE INDEX ownership_changes_at ON ownership_changes (changed_at);

CREATE TABLE ratings (
    id              TEXT PRIMARY KEY,
    rep_id          TEXT NOT NULL REFERENCES reps (id),
    period          TEXT NOT NULL,
    attitude        INTEGER NOT NULL CHECK (attitude BETWEEN 1 AND 5),
    knowledge       INTEGER NOT NULL CHECK (knowledge BETWEEN 1 AND 5),
    teamwork        INTEGER NOT NULL CHECK (teamwork BETWEEN 1 AND 5),
    comment         TEXT,
    rated_by        TEXT NOT NULL,
    response        TEXT,
    responded_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE UNIQUE INDEX ratings_one ON ratings (rep_id, period) WHERE deleted_at IS NULL;
CREATE INDEX ratings_period ON ratings (period);

-- A template's KPI rows are kept as the TOML body that `template export` writes, so a
-- template is one record for sync and one file for people.
CREATE TABLE scorecard_templates (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    effective_from  TEXT NOT NULL,          -- a period; applies from its first day onward
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX scorecard_templates_from ON scorecard_templates (effective_from);

CREATE TABLE audit (
    id              TEXT PRIMARY KEY,
    at              TEXT NOT NULL,
    who             TEXT NOT NULL,          -- the login that acted
    acting_as       TEXT,                   -- set when a manager used --as
    action          TEXT NOT NULL,
    record_kind     TEXT,
    record_id       TEXT,
    detail          TEXT
);
CREATE INDEX audit_at ON audit (at);
