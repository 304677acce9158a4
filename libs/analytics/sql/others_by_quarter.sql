-- The fewest agencies and Maracs outside the reader's own areas that sent a return in any one quarter
-- of the range. Below two, a figure over every area less the reader's own would be a lone other
-- agency's or Marac's figures, so the all-areas comparator is not shown.
, quarters AS (SELECT range AS period_index FROM range(CAST($from AS BIGINT), CAST($to AS BIGINT) + 1))
, agencies AS (
  SELECT period_index, count(DISTINCT agency_id) AS n FROM scoped_agency
  WHERE NOT (list_contains($own_areas, lad_code) OR list_contains($own_areas, csp_code) OR list_contains($own_areas, pfa_code)) GROUP BY ALL
), maracs AS (
  SELECT period_index, count(DISTINCT marac_id) AS n FROM scoped_marac
  WHERE NOT (list_contains($own_areas, lad_code) OR list_contains($own_areas, csp_code) OR list_contains($own_areas, pfa_code)) GROUP BY ALL
)
SELECT min(coalesce(a.n, 0)) AS fewest_agencies, min(coalesce(m.n, 0)) AS fewest_maracs
FROM quarters q LEFT JOIN agencies a USING (period_index) LEFT JOIN maracs m USING (period_index)
