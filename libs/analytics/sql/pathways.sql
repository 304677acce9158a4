-- Referral pathways: from each sector to the sector it referred to (case-level episodes), from
-- agencies' quarterly figures to and from the partner sector and to Marac, and into Marac by source.
-- Where each cell (one agency's or Marac's figure for one quarter) is published before it is summed,
-- case-level episodes are first counted by agency and quarter; exact readers need no cells.
, episodes AS (
  SELECT {{cell_keys}}sector, referred_to AS target, count(*) AS referrals, count(*) FILTER (WHERE referral_engaged) AS engaged
  FROM scoped_case WHERE referred_to IS NOT NULL GROUP BY ALL
), into_marac AS (
  SELECT {{cell_keys}}sector, count(*) AS referrals FROM scoped_case WHERE marac_referral GROUP BY ALL
)
SELECT sector AS source, target, sum({{cell:referrals}}) AS referrals, sum({{cell:engaged}}) AS engaged, 'case-level' AS basis FROM episodes GROUP BY ALL
UNION ALL
SELECT sector, 'marac', sum({{cell:referrals}}), NULL, 'case-level' FROM into_marac GROUP BY ALL
UNION ALL
SELECT sector, 'partner_sector', sum({{cell:referrals_made}}), sum({{cell:referrals_made_engaged}}), 'agency returns' FROM scoped_agency GROUP BY ALL
UNION ALL
SELECT 'partner_sector', sector, sum({{cell:referrals_received}}), sum({{cell:referrals_received_engaged}}), 'agency returns' FROM scoped_agency GROUP BY ALL
UNION ALL
SELECT sector, 'marac', sum({{cell:marac_referrals}}), NULL, 'agency returns' FROM scoped_agency GROUP BY ALL
UNION ALL
SELECT source, 'marac', referrals, NULL, 'Marac returns' FROM (
  UNPIVOT (SELECT {{source_sums}} FROM scoped_marac) ON COLUMNS(*) INTO NAME source VALUE referrals
)
-- A fixed order, so the same figures always give the same answer (and the same download): case-level
-- links first, then agency returns, then Marac returns, as the parts above are written (which is the
-- bases' order backwards, byte by byte: 'case-level' > 'agency returns' > 'Marac returns').
ORDER BY basis DESC, source, target
