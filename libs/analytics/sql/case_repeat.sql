-- People with an episode, counted once for each agency and quarter they had one in, and those of them
-- whose episode came within 12 months of an earlier one (matched by the agency's pseudonymous key;
-- each episode is marked when it is written to the warehouse, so no history is read here). Counting
-- by agency and quarter keeps the figures additive: a total over quarters or areas is the sum of its
-- cells, published cell by cell for readers who see published figures.
, people AS (
  SELECT agency_id, period_index, person_key, bool_or(again_within_12_months) AS again FROM scoped_case GROUP BY ALL
), cells AS (
  SELECT {{cell_keys}}count(*) AS people, count(*) FILTER (WHERE again) AS repeat_people FROM people GROUP BY ALL
)
SELECT coalesce(sum({{cell:people}}), 0) AS people, coalesce(sum({{cell:repeat_people}}), 0) AS repeat_people
FROM cells
