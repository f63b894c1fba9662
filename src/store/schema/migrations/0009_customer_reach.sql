-- Ways to reach a company, kept on the customer as WukongCRM (手机, 电话, 邮箱, 网址), Odoo and
-- Twenty keep them, so a team moving in keeps them too (README, Moving in); and the city
-- beside the region (WukongCRM's 地区定位 `浙江省,杭州市,西湖区` gives both). A contact
-- keeps their own phone and e-mail as before.
ALTER TABLE customers ADD COLUMN phone TEXT;
ALTER TABLE customers ADD COLUMN mobile TEXT;
ALTER TABLE customers ADD COLUMN email TEXT;
ALTER TABLE customers ADD COLUMN website TEXT;
ALTER TABLE customers ADD COLUMN city TEXT;
