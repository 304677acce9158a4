-- One agency the caller can see, by id: its name and sector (for its peer group).
SELECT name, sector
FROM scoped_agency_dim
WHERE agency_id = $agency
