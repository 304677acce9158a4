-- For each quarter in the range, the quarterly returns due from active agencies and Maracs by their
-- return schedules, and how many arrived (one row per current return), for Maracs and agencies apart:
-- an indicator is "no returns" or "partly returned" by the returns of its own kind.
, quarters AS (SELECT range AS period_index FROM range(CAST($from AS BIGINT), CAST($to AS BIGINT) + 1))
, scheduled AS (
  SELECT 'marac' AS kind, s.from_index, s.until_index FROM dim_schedule s JOIN scoped_marac_dim m ON m.id = s.marac_id
  WHERE m.active AND s.return_type = 'marac-quarter'
  UNION ALL
  SELECT 'agency', s.from_index, s.until_index FROM dim_schedule s JOIN scoped_agency_dim a ON a.agency_id = s.agency_id
  WHERE a.active AND s.return_type = 'agency-quarter'
)
, due AS (
  SELECT q.period_index, count(*) FILTER (WHERE kind = 'marac') AS marac, count(*) FILTER (WHERE kind = 'agency') AS agency
  FROM quarters q JOIN scheduled s ON q.period_index >= s.from_index AND (s.until_index IS NULL OR q.period_index <= s.until_index)
  GROUP BY ALL
)
, received AS (
  SELECT period_index, count(*) FILTER (WHERE kind = 'marac') AS marac, count(*) FILTER (WHERE kind = 'agency') AS agency
  FROM (SELECT period_index, 'marac' AS kind FROM scoped_marac UNION ALL SELECT period_index, 'agency' FROM scoped_agency)
  GROUP BY ALL
)
SELECT q.period_index,
  coalesce(d.marac, 0) AS marac_expected, coalesce(r.marac, 0) AS marac_received,
  coalesce(d.agency, 0) AS agency_expected, coalesce(r.agency, 0) AS agency_received
FROM quarters q LEFT JOIN due d USING (period_index) LEFT JOIN received r USING (period_index)
ORDER BY q.period_index
