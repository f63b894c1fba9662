-- Customer name keys by the rule of robustness item 16: the characters that show as nothing
-- (U+200B-U+200D, U+2060, U+FEFF) no longer count, so `Acme` and `Acme<U+200B>` are one name.
-- Keys stored before kept them. The old key was NFKC, lower case, and words joined by one
-- space; dropping those characters from it, then folding the spaces that leaves (a word that
-- was only such characters leaves two, or one at an end), gives exactly the new key: nothing
-- else in `names::name_key` changed, so no Rust step is needed.
--
-- Two live customers whose keys become one would break `customers_name_key`: as sync does
-- (store::sync, `repair_clashes`), the first made (created_at, then id) keeps the name and
-- every later one is renamed "NAME (short id)". updated_at is left as it was: every copy of
-- the database upgrades the same rows to the same names, so copies agree without a new
-- stamp, and a sync between a copy with the twin and one without repairs it as any clash.

-- The new key of every customer whose key holds one of the characters, deleted ones too (a
-- restore checks the key). char(8203, 8204) etc. are the code points.
CREATE TEMP TABLE name_keys_new AS
SELECT id, name, created_at, deleted_at,
       -- Spaces folded: each space becomes U+200B U+200C, a U+200C U+200B between two is
       -- dropped, the pair left becomes one space. The key holds neither after the replace
       -- below, so the markers cannot meet text of its own.
       trim(replace(replace(replace(k, ' ', char(8203, 8204)), char(8204, 8203), ''),
                    char(8203, 8204), ' ')) AS key
FROM (SELECT id, name, created_at, deleted_at,
             replace(replace(replace(replace(replace(name_key,
                 char(8203), ''), char(8204), ''), char(8205), ''), char(8288), ''),
                 char(65279), '') AS k
      FROM customers
      WHERE instr(name_key, char(8203)) OR instr(name_key, char(8204))
         OR instr(name_key, char(8205)) OR instr(name_key, char(8288))
         OR instr(name_key, char(65279)));

-- Every live customer with its key after the upgrade, where that key is one a changed key
-- became; all but the first made of each key are renamed.
CREATE TEMP TABLE name_keys_renamed AS
SELECT id, name, key,
       -- The short id as `ids::short_str` prints it: the first 8 digits of the tail.
       CASE WHEN length(id) = 36 AND substr(id, 24, 1) = '-' THEN substr(id, 25, 8) ELSE id END
           AS short
FROM (SELECT c.id, c.name, coalesce(n.key, c.name_key) AS key,
             row_number() OVER (PARTITION BY coalesce(n.key, c.name_key)
                                ORDER BY c.created_at, c.id) AS n
      FROM customers c LEFT JOIN temp.name_keys_new n ON n.id = c.id
      WHERE c.deleted_at IS NULL
        AND coalesce(n.key, c.name_key) IN (SELECT key FROM temp.name_keys_new))
WHERE n > 1;

-- A short id another customer's name already ends in (or another renamed twin shares)
-- gives way to the whole id, as sync makes it longer.
UPDATE temp.name_keys_renamed SET short = id
WHERE EXISTS (SELECT 1 FROM customers c
              WHERE c.deleted_at IS NULL
                AND c.name_key = trim(name_keys_renamed.key || ' (' || name_keys_renamed.short || ')'))
   OR EXISTS (SELECT 1 FROM temp.name_keys_renamed o
              WHERE o.id <> name_keys_renamed.id AND o.key = name_keys_renamed.key
                AND o.short = name_keys_renamed.short);

-- Renamed first, so the keys they leave are free for the customers that keep them. A short
-- id is lower-case hex and the key ends in no space, so the key of "NAME (short)" is the key
-- of NAME, a space and "(short)" (trimmed, for a name that was only invisible characters).
UPDATE customers
SET name = name || ' (' || (SELECT short FROM temp.name_keys_renamed r WHERE r.id = customers.id) || ')',
    name_key = (SELECT trim(r.key || ' (' || lower(r.short) || ')')
                FROM temp.name_keys_renamed r WHERE r.id = customers.id)
WHERE id IN (SELECT id FROM temp.name_keys_renamed);

UPDATE customers
SET name_key = (SELECT key FROM temp.name_keys_new n WHERE n.id = customers.id)
WHERE id IN (SELECT id FROM temp.name_keys_new)
  AND id NOT IN (SELECT id FROM temp.name_keys_renamed);

DROP TABLE temp.name_keys_renamed;
DROP TABLE temp.name_keys_new;
