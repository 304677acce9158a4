-- Effective ratings (moderated where moderated) of current audits for the financial year, counted by
-- rating; the share met is worked out from these counts by complianceOf (libs/domain).
SELECT count(*) FILTER (WHERE rating = 'met') AS met,
       count(*) FILTER (WHERE rating = 'partly_met') AS partly_met,
       count(*) FILTER (WHERE rating = 'not_met') AS not_met,
       count(*) FILTER (WHERE rating = 'not_applicable') AS not_applicable
FROM scoped_audit
