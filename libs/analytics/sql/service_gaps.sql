-- Each agency's disclosures and the referrals that followed (sums of its returns' figures, published
-- return by return where the reader sees published figures); the API decides which are service gaps
-- on those figures (SERVICE_GAP in the domain library).
SELECT g.name AS agency_name, f.sector, sum({{cell:disclosed}}) AS disclosed, sum({{cell:referrals_made}}) AS referrals_made,
       sum({{cell:referrals_made_engaged}}) AS referrals_engaged
FROM scoped_agency f JOIN dim_agency g ON g.id = f.agency_id
GROUP BY ALL
ORDER BY disclosed DESC, agency_name
