-- People with an episode in the range, and those of them who also had an earlier episode within the
-- 12 months before it (people are matched by their pseudonymous key within the same agency).
, months AS (
  SELECT agency_id, person_key, period_index,
         CAST(substr(referral_month, 1, 4) AS INTEGER) * 12 + CAST(substr(referral_month, 6, 2) AS INTEGER) AS m
  FROM scoped_case_history
), in_range AS (
  SELECT * FROM months WHERE period_index BETWEEN $from AND $to
)
SELECT count(DISTINCT (agency_id, person_key)) AS people,
       count(DISTINCT (agency_id, person_key)) FILTER (WHERE EXISTS (
         SELECT 1 FROM months e WHERE e.agency_id = in_range.agency_id AND e.person_key = in_range.person_key
           AND e.m < in_range.m AND e.m >= in_range.m - 12)) AS repeat_people
FROM in_range
