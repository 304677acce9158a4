-- Each agency's disclosures and the referrals that followed; the API decides which are service gaps
-- on the figures the reader may see (SERVICE_GAP in the domain library).
SELECT g.name AS agency_name, f.sector, sum(f.disclosed) AS disclosed, sum(f.referrals_made) AS referrals_made,
       sum(f.referrals_made_engaged) AS referrals_engaged
FROM scoped_agency f JOIN dim_agency g ON g.id = f.agency_id
GROUP BY ALL
ORDER BY sum(f.disclosed) DESC
