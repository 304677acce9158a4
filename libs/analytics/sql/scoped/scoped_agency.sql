-- Agency quarterly returns the caller may see, in the chosen area, quarters and sector.
SELECT * FROM fact_agency_quarter
WHERE {{in_area}} AND {{in_range}} AND {{in_scope}} AND {{agency_only}} AND {{in_sector}}
