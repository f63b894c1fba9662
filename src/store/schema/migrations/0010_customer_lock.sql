-- A customer locked against the pool sweep (README, The public pool): WukongCRM's 锁定, for a
-- customer a rep is working slowly on purpose. When it was locked; NULL: not locked.
ALTER TABLE customers ADD COLUMN locked_at TEXT;
