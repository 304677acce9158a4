-- Areas the caller may see: the chosen one and those inside it, or every one in scope.
SELECT * FROM dim_area
WHERE {{area_in_scope}} AND {{area_is_chosen}}
