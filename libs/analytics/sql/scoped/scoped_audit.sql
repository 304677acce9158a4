-- Agencies' self-audit ratings for the financial year the range ends in, as the caller may see them.
SELECT * FROM fact_audit_rating
WHERE {{in_area}} AND period = $audit_year AND {{in_scope}} AND {{agency_only}} AND agency_id IS NOT NULL AND {{in_sector}}
