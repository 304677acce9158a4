-- People with an episode in the range, and those of them with an episode that came within 12 months
-- of an earlier one (matched by the agency's pseudonymous key; each episode is marked when it is
-- written to the warehouse, so no history is read here).
, people AS (
  SELECT agency_id, person_key, bool_or(again_within_12_months) AS again FROM scoped_case GROUP BY ALL
)
SELECT count(*) AS people, count(*) FILTER (WHERE again) AS repeat_people
FROM people
