-- 回避 (issue #11): the reason a person gave when deciding a conflict (one reason for a bulk dismissal), and
-- for a 决赛 conflict carried over from the 初赛, the 初赛 conflict it came from. Both audited with the row.
ALTER TABLE conflicts ADD COLUMN note TEXT;
ALTER TABLE conflicts ADD COLUMN carried_from INTEGER;
