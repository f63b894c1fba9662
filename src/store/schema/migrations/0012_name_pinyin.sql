-- Each customer's name as pinyin, initials and full, every reading of a character with more
-- than one (README, Customers: finding a customer): a search by `hzyf` or `hangzhou` looks it
-- up instead of working it out per keystroke. NULL: not worked out yet. SQL cannot spell
-- pinyin, so the rows are filled by `store::customers::spelling` right after this runs (and
-- after every write of a name, which sets it back to NULL); the partial index finds them.
ALTER TABLE customers ADD COLUMN name_pinyin TEXT;
CREATE INDEX customers_pinyin_missing ON customers (name_pinyin) WHERE name_pinyin IS NULL;
