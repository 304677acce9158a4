-- Maracs the caller may see (none for a caller limited to one agency).
SELECT * FROM dim_marac
WHERE {{in_area}} AND {{in_scope}} AND $scope_agency::VARCHAR IS NULL
