-- Agencies where many people disclosed the other issue but few referrals led to engagement.
SELECT g.name AS agency_name, f.sector, sum(f.disclosed) AS disclosed, sum(f.referrals_made) AS referrals_made,
       sum(f.referrals_made_engaged) AS referrals_engaged
FROM scoped_agency f JOIN dim_agency g ON g.id = f.agency_id
GROUP BY ALL
HAVING sum(f.disclosed) >= $min_disclosed AND sum(f.referrals_made_engaged) < sum(f.disclosed) * $max_engaged_share
ORDER BY sum(f.disclosed) DESC
