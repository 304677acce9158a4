-- Agencies the caller may see.
SELECT id AS agency_id, * FROM dim_agency
WHERE {{in_area}} AND {{in_scope}} AND {{agency_only}} AND {{in_sector}}
