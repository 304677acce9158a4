-- Every district in the chosen area (and the caller's scope), with each quarter in which a Marac
-- covering it sent a return (no row of quarters when none did). As SafeLives counts it, a rate's
-- denominator is the population of the districts covered by the Maracs that returned, never of
-- districts nobody reports for. A Marac covers the districts under its own area: its district, or
-- every district of its partnership or force area.
, districts AS (SELECT code, name, females_16plus, lad_code, csp_code, pfa_code FROM scoped_area WHERE type = 'lad'),
covered AS (
  SELECT DISTINCT d.code, m.period_index
  FROM scoped_marac m
  JOIN districts d ON CASE WHEN m.lad_code IS NOT NULL THEN d.lad_code = m.lad_code
                           WHEN m.csp_code IS NOT NULL THEN d.csp_code = m.csp_code
                           ELSE d.pfa_code = m.pfa_code END
)
SELECT d.code, d.name, d.females_16plus, c.period_index
FROM districts d LEFT JOIN covered c USING (code)
ORDER BY d.name, c.period_index
