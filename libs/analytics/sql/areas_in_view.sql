-- The areas the caller can see (the chosen one, or every one in scope), by code.
SELECT code, name
FROM scoped_area
