-- People with an episode in the range, and those of them who also had an earlier episode within the
-- 12 months before it (people are matched by their pseudonymous key within the same agency). A window
-- over each person's months finds the earlier episode without joining the history to itself.
, months AS (
  SELECT agency_id, person_key, period_index,
         CAST(substr(referral_month, 1, 4) AS INTEGER) * 12 + CAST(substr(referral_month, 6, 2) AS INTEGER) AS m
  FROM scoped_case_history
), flagged AS (
  SELECT agency_id, person_key, period_index,
         count(*) OVER (PARTITION BY agency_id, person_key ORDER BY m RANGE BETWEEN 12 PRECEDING AND 1 PRECEDING) > 0 AS again
  FROM months
), people AS (
  SELECT agency_id, person_key, bool_or(again) AS again FROM flagged WHERE period_index BETWEEN $from AND $to GROUP BY ALL
)
SELECT count(*) AS people, count(*) FILTER (WHERE again) AS repeat_people
FROM people
