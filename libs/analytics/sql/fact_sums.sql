-- Sums of every figure in a quarterly fact table, optionally grouped (by quarter or by area).
-- The fact view, grouping and sums are filled in from the data dictionary, never from a request.
-- A quarterly return is one row, and the warehouse keeps only the current one, so rows = returns.
SELECT {{group}} AS grp,
       count(*) AS returns,
       {{sums}}
FROM {{fact}}
GROUP BY ALL
ORDER BY grp
