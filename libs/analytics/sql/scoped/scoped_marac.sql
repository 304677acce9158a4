-- Marac quarterly returns the caller may see (none for a caller limited to one agency).
SELECT * FROM fact_marac_quarter
WHERE {{in_area}} AND {{in_range}} AND {{in_scope}} AND $scope_agency::VARCHAR IS NULL
