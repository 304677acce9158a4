-- People with an episode, counted once for each agency and quarter they had one in, and those of them
-- who came within 12 months of an earlier episode (matched by the agency's pseudonymous key). Both are
-- marked when episodes are written: one episode of each person's quarter with an agency carries the
-- person and whether any of their episodes that quarter came again, so nothing is grouped by person
-- here and no history is read. Counting by agency and quarter keeps the figures additive: a total
-- over quarters or areas is the sum of its cells, published cell by cell for readers who see
-- published figures.
, cells AS (
  SELECT {{cell_keys}}count(*) FILTER (WHERE first_in_quarter) AS people, count(*) FILTER (WHERE first_in_quarter AND repeat_in_quarter) AS repeat_people
  FROM scoped_case GROUP BY ALL
)
SELECT coalesce(sum({{cell:people}}), 0) AS people, coalesce(sum({{cell:repeat_people}}), 0) AS repeat_people
FROM cells
