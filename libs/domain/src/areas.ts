import type { CodeList } from './code-list.js';

/** Levels of the geography: local authority district, community safety partnership, police force area. */
export type AreaType = 'lad' | 'csp' | 'pfa';

export const AREA_TYPES: CodeList<AreaType> = [
  { code: 'lad', label: 'Local authority' },
  { code: 'csp', label: 'Community safety partnership' },
  { code: 'pfa', label: 'Police force area' },
];

/** GSS code entity prefixes for each level in England (E) and Wales (W). */
const GSS_PREFIXES: Record<AreaType, readonly string[]> = {
  lad: ['E06', 'E07', 'E08', 'E09', 'W06'],
  csp: ['E22', 'W14'],
  pfa: ['E23', 'W15'],
};

const GSS_SHAPE = /^[EW]\d{8}$/;

/** The level a GSS code belongs to, or null when it is not an area code Waymark knows. */
export function areaTypeOfGss(code: string): AreaType | null {
  if (!GSS_SHAPE.test(code)) return null;
  const prefix = code.slice(0, 3);
  for (const [type, prefixes] of Object.entries(GSS_PREFIXES) as [AreaType, readonly string[]][]) {
    if (prefixes.includes(prefix)) return type;
  }
  return null;
}

/** Which level sits directly above another (a district belongs to a CSP, a CSP to a force area). */
export const PARENT_AREA_TYPE: Record<AreaType, AreaType | null> = { lad: 'csp', csp: 'pfa', pfa: null };
