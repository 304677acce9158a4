import type { Area } from '@waymark/domain';
import type { Option } from '../components/fields';

const LEVEL: Record<Area['type'], string> = {
  lad: 'district',
  csp: 'community safety partnership',
  pfa: 'police force area',
};

/** Areas a Marac may cover, by name, each saying what kind of area it is. */
export const areaOptions = (areas: Area[]): Option[] =>
  [...areas]
    .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type))
    .map((a) => ({ code: a.code, label: `${a.name} (${LEVEL[a.type]})` }));
