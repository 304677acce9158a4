-- Quarterly returns expected from every active agency and Marac in the range, and how many arrived
-- (one row per current return).
, quarters AS (SELECT range AS period_index FROM range(CAST($from AS BIGINT), CAST($to AS BIGINT) + 1))
SELECT
  (SELECT count(*) FROM scoped_agency_dim WHERE active) * (SELECT count(*) FROM quarters)
    + (SELECT count(*) FROM scoped_marac_dim WHERE active) * (SELECT count(*) FROM quarters) AS expected,
  (SELECT count(*) FROM scoped_agency) + (SELECT count(*) FROM scoped_marac) AS received
