-- Sums of every figure in a quarterly fact table, optionally grouped (by quarter or by area).
-- The fact view, grouping and sums are filled in from the data dictionary, never from a request.
SELECT {{group}} AS grp,
       count(DISTINCT submission_id) AS returns,
       count(DISTINCT period_index) AS quarters,
       {{sums}}
FROM {{fact}}
GROUP BY ALL
ORDER BY grp
