-- Referral pathways: from each sector to the sector it referred to (case-level episodes), from
-- agencies' quarterly figures to and from the partner sector and to Marac, and into Marac by source;
-- and the sectors that sent case-level episodes at all.
SELECT sector AS source, referred_to AS target, count(*) AS referrals, count(*) FILTER (WHERE referral_engaged) AS engaged, 'case-level' AS basis
FROM scoped_case WHERE referred_to IS NOT NULL GROUP BY ALL
UNION ALL
SELECT sector, 'marac', count(*), NULL, 'case-level' FROM scoped_case WHERE marac_referral GROUP BY ALL
UNION ALL
SELECT sector, 'partner_sector', sum(referrals_made), sum(referrals_made_engaged), 'agency returns' FROM scoped_agency GROUP BY ALL
UNION ALL
SELECT 'partner_sector', sector, sum(referrals_received), sum(referrals_received_engaged), 'agency returns' FROM scoped_agency GROUP BY ALL
UNION ALL
SELECT sector, 'marac', sum(marac_referrals), NULL, 'agency returns' FROM scoped_agency GROUP BY ALL
UNION ALL
SELECT source, 'marac', referrals, NULL, 'Marac returns' FROM (
  UNPIVOT (SELECT {{source_sums}} FROM scoped_marac) ON COLUMNS(*) INTO NAME source VALUE referrals
)
UNION ALL
SELECT DISTINCT sector, NULL, NULL, NULL, 'case-level returns' FROM scoped_case
