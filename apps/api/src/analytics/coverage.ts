import type { CoveredDistrict } from '@waymark/analytics';
import type { Coverage } from '@waymark/domain';

/**
 * Which districts in view a Marac returned for in the range: rates per 10,000 women count only
 * these districts' women, so the answer names them and the ones left out.
 */
export function describeCoverage(districts: CoveredDistrict[]): Coverage {
  const brief = ({ code, name }: CoveredDistrict) => ({ code, name });
  const reporting = districts.filter((d) => d.quarters.length > 0).map(brief);
  const notReporting = districts.filter((d) => d.quarters.length === 0).map(brief);
  const label = `${reporting.length} of ${districts.length} ${districts.length === 1 ? 'district' : 'districts'} reporting`;
  return { districts: districts.length, districtsReporting: reporting.length, label, reporting, notReporting };
}
