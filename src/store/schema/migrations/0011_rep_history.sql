-- Each rep's history (README, People): from which day they were on which team, and employed
-- or gone. Scorecards and team targets read a period's team from here, so a move or a return
-- never rewrites who a past period's work counted for. Rows are never edited; a later state
-- supersedes an earlier one. `changed_at` is when it was written (sync unions it as a log).
CREATE TABLE rep_history (
    id          TEXT PRIMARY KEY,
    rep_id      TEXT NOT NULL REFERENCES reps (id),
    since       TEXT NOT NULL,
    team        TEXT NOT NULL,
    employed    INTEGER NOT NULL CHECK (employed IN (0, 1)),
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE INDEX rep_history_rep ON rep_history (rep_id, since);
