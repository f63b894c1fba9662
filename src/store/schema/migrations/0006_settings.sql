-- Team rules (claim limit, follow-up cadence per grade, pool rules, currency) live in the
-- database, not in each user's config.toml: on a shared server a rep's own config decided
-- their claim limit. One row per rule that a manager has set; a rule without a row has its
-- default (store/settings.rs holds the keys, their defaults and what each accepts).
--
-- `id` is the rule's key ('claim_limit', 'cadence.A', …), not a UUID: sync merges versioned
-- records by `id`, newest `updated_at` wins, so two copies that each set the claim limit
-- merge into one rule instead of clashing. `deleted_at` is there because sync expects every
-- versioned record to carry a tombstone; a deleted rule has its default again.
CREATE TABLE settings (
    id          TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
);
