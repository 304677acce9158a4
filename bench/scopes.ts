import type { Place } from './generate.js';

/** A view on one engine: the figures for an area (null for England and Wales) over a range of quarters. */
export type View = (area: string | null, from: number, to: number) => Promise<unknown>;
export type Views = Record<ViewName, View>;

/** Every view measured; the league of every district's repeat rate is measured for England and Wales only. */
export const VIEW_NAMES = [
  'indicators',
  'trends',
  'comparison',
  'pathways',
  'explorer',
  'repeats',
  'repeatLeague',
] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export interface Scope {
  label: string;
  /** Area codes the runs take in turn (random districts or force areas), or [null] for the whole country. */
  areas: (string | null)[];
}

/** The three scopes a user opens views at: a district, a force area, and England and Wales. */
export function scopesOf(places: Place[], count: number, random: () => number): Scope[] {
  const pick = (of: (p: Place) => string | null) =>
    Array.from({ length: count }, () => of(places[Math.floor(random() * places.length)]));
  return [
    { label: 'district', areas: pick((p) => p.lad) },
    { label: 'force area', areas: pick((p) => p.pfa) },
    { label: 'England and Wales', areas: [null] },
  ];
}
