-- Each agency's effective rating of each standard in its current audit for the financial year.
SELECT a.agency_id, g.name AS agency_name, a.sector, a.code, a.theme_id, a.theme_title, a.statement, a.rating, a.self_rating
FROM scoped_audit a JOIN dim_agency g ON g.id = a.agency_id
ORDER BY g.name, a.code
