-- Women aged 16+ in the chosen area, or in the highest-level areas the caller can see.
SELECT coalesce(
  (SELECT females_16plus FROM dim_area WHERE code = $area::VARCHAR),
  (SELECT sum(females_16plus) FROM scoped_area WHERE type = (
     SELECT CASE WHEN bool_or(type = 'pfa') THEN 'pfa' WHEN bool_or(type = 'csp') THEN 'csp' ELSE 'lad' END FROM scoped_area))
)::DOUBLE AS females_16plus
