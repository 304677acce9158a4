import { codesOf } from '../code-list.js';
import { identifierInText, TEXT_IDENTIFIER_WORDS } from '../returns/anonymity.js';
import { SECTORS, type SectorCode } from '../sectors.js';

export type FrameworkKind = 'agency' | 'marac';

export interface Theme {
  id: string;
  title: string;
  description: string;
}

export interface Standard {
  id: string;
  theme: string;
  statement: string;
  /** What shows the standard is met, for the auditor and moderator. */
  evidence: string;
  /** Sectors it applies to; ["all"] for every agency. */
  sectors: (SectorCode | 'all')[];
  /** Can be met quickly with few resources (a poster, a policy line) rather than needing investment. */
  quickWin: boolean;
}

/** A versioned set of practice standards grouped by theme, which areas adopt and agencies audit against. */
export interface Framework {
  key: string;
  version: string;
  kind: FrameworkKind;
  title: string;
  description: string;
  sources: string[];
  themes: Theme[];
  standards: Standard[];
}

export interface FrameworkProblem {
  path: string;
  message: string;
}

const isText = (v: unknown, max = 600): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/**
 * Frameworks are written by people and shown to every area that adopts them, so their texts are
 * held to the same rule as every other free text: within their length, and nothing that identifies
 * anyone. Texts over their length are reported by the checks above and not read here.
 */
function identifierProblems(doc: Record<string, unknown>, themes: Record<string, unknown>[], standards: Record<string, unknown>[]): FrameworkProblem[] {
  const texts: [string, unknown, number][] = [
    ['title', doc.title, 200],
    ['description', doc.description, 1000],
    ...(Array.isArray(doc.sources) ? doc.sources.slice(0, 50) : []).map((v, i): [string, unknown, number] => [`sources[${i}]`, v, 300]),
    ...themes.flatMap((t, i): [string, unknown, number][] => [[`themes[${i}].title`, t?.title, 200], [`themes[${i}].description`, t?.description, 600]]),
    ...standards.flatMap((s, i): [string, unknown, number][] => [[`standards[${i}].statement`, s?.statement, 600], [`standards[${i}].evidence`, s?.evidence, 600]]),
  ];
  const problems: FrameworkProblem[] = [];
  for (const [path, value, max] of texts) {
    const kind = typeof value === 'string' && value.length <= max ? identifierInText(value) : null;
    if (kind) problems.push({ path, message: `${path} looks like it contains ${TEXT_IDENTIFIER_WORDS[kind]}; frameworks must not identify anyone` });
  }
  return problems;
}

const MAX_THEMES = 100;
const MAX_STANDARDS = 1000;

/** Checks a framework document (from a seed or an import) and returns every problem found. */
export function frameworkProblems(raw: unknown): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const doc = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (!isText(doc.key, 60) || !/^[a-z0-9-]+$/.test(doc.key)) problems.push({ path: 'key', message: 'key must be lower-case letters, digits and hyphens' });
  if (!isText(doc.version, 20)) problems.push({ path: 'version', message: 'version is required' });
  if (doc.kind !== 'agency' && doc.kind !== 'marac') problems.push({ path: 'kind', message: 'kind must be agency or marac' });
  if (!isText(doc.title, 200)) problems.push({ path: 'title', message: 'title is required' });
  if (doc.description !== undefined && (typeof doc.description !== 'string' || doc.description.length > 1000)) problems.push({ path: 'description', message: 'description must be text of up to 1,000 characters' });
  if (doc.sources !== undefined && (!Array.isArray(doc.sources) || doc.sources.length > 50 || doc.sources.some((v) => !isText(v, 300)))) problems.push({ path: 'sources', message: 'sources must be a list of up to 50 texts of up to 300 characters' });
  const themes = Array.isArray(doc.themes) ? (doc.themes as Record<string, unknown>[]) : [];
  const standards = Array.isArray(doc.standards) ? (doc.standards as Record<string, unknown>[]) : [];
  if (themes.length === 0) problems.push({ path: 'themes', message: 'at least one theme is required' });
  if (standards.length === 0) problems.push({ path: 'standards', message: 'at least one standard is required' });
  // Far more than any framework has; the bound keeps checking an import to milliseconds.
  if (themes.length > MAX_THEMES || standards.length > MAX_STANDARDS) {
    return [...problems, { path: 'standards', message: `a framework can have at most ${MAX_THEMES} themes and ${MAX_STANDARDS} standards` }];
  }

  const themeIds = new Set<string>();
  themes.forEach((t, i) => {
    if (!isText(t?.id, 60)) problems.push({ path: `themes[${i}].id`, message: 'theme id is required' });
    else if (themeIds.has(t.id as string)) problems.push({ path: `themes[${i}].id`, message: `theme ${t.id} appears twice` });
    else themeIds.add(t.id as string);
    if (!isText(t?.title, 200)) problems.push({ path: `themes[${i}].title`, message: 'theme title is required' });
    if (t?.description !== undefined && (typeof t.description !== 'string' || t.description.length > 600)) problems.push({ path: `themes[${i}].description`, message: 'theme description must be text of up to 600 characters' });
  });

  const sectorCodes = new Set<string>([...codesOf(SECTORS), 'all']);
  const ids = new Set<string>();
  standards.forEach((s, i) => {
    const at = `standards[${i}]`;
    if (!isText(s?.id, 30) || !/^[A-Z0-9][A-Z0-9-]*$/.test(s.id as string)) problems.push({ path: `${at}.id`, message: 'standard id must be upper-case letters, digits and hyphens' });
    else if (ids.has(s.id as string)) problems.push({ path: `${at}.id`, message: `standard ${s.id} appears twice` });
    else ids.add(s.id as string);
    if (!isText(s?.theme, 60) || !themeIds.has(s.theme as string)) problems.push({ path: `${at}.theme`, message: `theme must be one of the framework's themes` });
    if (!isText(s?.statement)) problems.push({ path: `${at}.statement`, message: 'statement is required (up to 600 characters)' });
    if (!isText(s?.evidence)) problems.push({ path: `${at}.evidence`, message: 'evidence is required (up to 600 characters)' });
    const sectors = s?.sectors;
    if (!Array.isArray(sectors) || sectors.length === 0 || sectors.some((c) => !sectorCodes.has(c as string))) {
      problems.push({ path: `${at}.sectors`, message: 'sectors must list sector codes, or "all"' });
    }
    if (typeof s?.quickWin !== 'boolean') problems.push({ path: `${at}.quickWin`, message: 'quickWin must be true or false' });
  });
  return [...problems, ...identifierProblems(doc, themes, standards)];
}

/** True when a standard applies to an agency of this sector (Marac frameworks apply to the whole Marac). */
export function appliesTo(standard: Pick<Standard, 'sectors'>, sector: SectorCode | null): boolean {
  return sector === null || standard.sectors.includes('all') || standard.sectors.includes(sector);
}
