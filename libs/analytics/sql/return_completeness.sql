-- Quarterly returns expected from every active agency and Marac in the range, and how many arrived
-- (one row per current return), for Maracs and agencies apart: an indicator is "no returns" or
-- "partly returned" by the returns of its own kind.
, quarters AS (SELECT count(*) AS n FROM range(CAST($from AS BIGINT), CAST($to AS BIGINT) + 1))
SELECT
  (SELECT count(*) FROM scoped_marac_dim WHERE active) * (SELECT n FROM quarters) AS marac_expected,
  (SELECT count(*) FROM scoped_marac) AS marac_received,
  (SELECT count(*) FROM scoped_agency_dim WHERE active) * (SELECT n FROM quarters) AS agency_expected,
  (SELECT count(*) FROM scoped_agency) AS agency_received
