-- One agency's figures beside those of its peers (every other agency of the same sector), summed,
-- with the fewest peers that sent a return in any one quarter of the range: peers are shown only when
-- every quarter has enough of them, or one range less another would give a lone agency's figures.
-- The sums are filled in from the data dictionary, never from a request.
, quarters AS (SELECT range AS period_index FROM range(CAST($from AS BIGINT), CAST($to AS BIGINT) + 1))
, peers_by_quarter AS (
  SELECT q.period_index, count(DISTINCT a.agency_id) AS peers
  FROM quarters q LEFT JOIN scoped_agency a ON a.period_index = q.period_index AND a.sector = $sector AND a.agency_id <> $agency
  GROUP BY ALL
)
SELECT agency_id = $agency AS is_self,
       count(DISTINCT agency_id) AS agencies,
       (SELECT min(peers) FROM peers_by_quarter) AS fewest_peers,
       count(*) AS returns,
       {{sums}}
FROM scoped_agency
WHERE sector = $sector
GROUP BY ALL
