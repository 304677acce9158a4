-- One agency's figures beside those of its peers (every other agency of the same sector), summed.
-- The sums are filled in from the data dictionary, never from a request.
SELECT agency_id = $agency AS is_self,
       count(DISTINCT agency_id) AS agencies,
       count(*) AS returns,
       {{sums}}
FROM scoped_agency
WHERE sector = $sector
GROUP BY ALL
