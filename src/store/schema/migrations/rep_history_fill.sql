-- A rep without history is given it from their own columns: on their team from the day they
-- joined (or were added), and gone from the day after they left. The ids are made from the
-- rep's, so two copies filled apart hold the same rows and a sync adds no second one. Run by
-- migration 0011, after a rep is added, and after the demo's reps are written.
INSERT INTO rep_history (id, rep_id, since, team, employed, changed_by, changed_at)
SELECT r.id || '.joined', r.id, COALESCE(r.joined_on, substr(r.created_at, 1, 10)), r.team, 1,
       r.updated_by, r.created_at
FROM reps r
WHERE NOT EXISTS (SELECT 1 FROM rep_history h WHERE h.rep_id = r.id);

INSERT INTO rep_history (id, rep_id, since, team, employed, changed_by, changed_at)
SELECT r.id || '.left', r.id, date(r.left_on, '+1 day'), r.team, 0, r.updated_by, r.updated_at
FROM reps r
WHERE r.left_on IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM rep_history h WHERE h.rep_id = r.id AND h.employed = 0);
