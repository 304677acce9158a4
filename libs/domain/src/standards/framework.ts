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
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** C0 control characters other than tab, line feed and carriage return (a NUL would stop PostgreSQL), and DEL. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Short codes, each one way only: no spaces, nothing that could carry a sentence. */
const FRAMEWORK_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/; // dual-issue-practice
const THEME_ID = FRAMEWORK_KEY; // joint-working
const STANDARD_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/; // GOV-01, MP-ACT-01
const VERSION = /^\d{1,3}(?:\.\d{1,3}){0,2}$/; // 1, 1.0, 2.1.3

/** The properties each part of a framework may have: anything else is refused, never stored unread. */
const DOCUMENT_KEYS = new Set(['key', 'version', 'kind', 'title', 'description', 'sources', 'themes', 'standards']);
const THEME_KEYS = new Set(['id', 'title', 'description']);
const STANDARD_KEYS = new Set(['id', 'theme', 'statement', 'evidence', 'sectors', 'quickWin']);

/** A property name shown in a message only when it is a plain name that identifies no one; otherwise only where it is. */
const shownKey = (key: string) => (/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(key) && !identifierInText(key) ? key : null);

function unknownKeys(
  record: Record<string, unknown>,
  known: Set<string>,
  at: string,
  problems: FrameworkProblem[],
): void {
  for (const key of Object.keys(record)) {
    if (known.has(key)) continue;
    const shown = shownKey(key);
    const path = shown === null ? at || 'framework' : `${at}${at ? '.' : ''}${shown}`;
    problems.push({
      path,
      message: `${shown === null ? 'a property' : shown} is not part of a framework (${at ? `${at.replace(/\[\d+\]$/, '')} have` : 'a framework has'} only ${[...known].join(', ')}); remove it`,
    });
  }
}

/**
 * Frameworks are written by people and shown to every area that adopts them, so every text in them
 * (codes and version included) is held to the same rule as every other free text: within its
 * length, no control characters, and nothing that identifies anyone. Texts over their length are
 * reported by the checks above and not read here.
 */
function textProblems(texts: [string, unknown, number][]): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  for (const [path, value, max] of texts) {
    if (typeof value !== 'string' || value.length > max) continue;
    if (CONTROL.test(value)) problems.push({ path, message: `${path} contains a control character; write plain text` });
    else {
      const kind = identifierInText(value);
      if (kind)
        problems.push({
          path,
          message: `${path} looks like it contains ${TEXT_IDENTIFIER_WORDS[kind]}; frameworks must not identify anyone`,
        });
    }
  }
  return problems;
}

const MAX_THEMES = 100;
const MAX_STANDARDS = 1000;

/**
 * Checks a framework document (from a seed or an import) and, when nothing is wrong, builds the
 * framework from the checked values alone: only known properties, each checked, so nothing sent
 * is stored unread. Every problem found is listed.
 */
export function readFramework(
  raw: unknown,
): { framework: Framework; problems: [] } | { framework: null; problems: FrameworkProblem[] } {
  if (!isRecord(raw))
    return {
      framework: null,
      problems: [
        {
          path: 'framework',
          message: 'a framework is a JSON object with key, version, kind, title, themes and standards',
        },
      ],
    };
  const problems: FrameworkProblem[] = [];
  const doc = raw;
  unknownKeys(doc, DOCUMENT_KEYS, '', problems);
  if (!isText(doc.key, 60) || !FRAMEWORK_KEY.test(doc.key))
    problems.push({
      path: 'key',
      message:
        'key must be lower-case letters and digits in words joined by hyphens, like dual-issue-practice (up to 60 characters)',
    });
  if (!isText(doc.version, 20) || !VERSION.test(doc.version))
    problems.push({ path: 'version', message: 'version must be numbers joined by dots, like 1.0 or 2.1' });
  if (doc.kind !== 'agency' && doc.kind !== 'marac')
    problems.push({ path: 'kind', message: 'kind must be agency or marac' });
  if (!isText(doc.title, 200)) problems.push({ path: 'title', message: 'title is required' });
  if (doc.description !== undefined && (typeof doc.description !== 'string' || doc.description.length > 1000))
    problems.push({ path: 'description', message: 'description must be text of up to 1,000 characters' });
  if (
    doc.sources !== undefined &&
    (!Array.isArray(doc.sources) || doc.sources.length > 50 || doc.sources.some((v) => !isText(v, 300)))
  )
    problems.push({ path: 'sources', message: 'sources must be a list of up to 50 texts of up to 300 characters' });
  if (doc.themes !== undefined && !Array.isArray(doc.themes))
    problems.push({ path: 'themes', message: 'themes must be a list' });
  if (doc.standards !== undefined && !Array.isArray(doc.standards))
    problems.push({ path: 'standards', message: 'standards must be a list' });
  const themes: unknown[] = Array.isArray(doc.themes) ? doc.themes : [];
  const standards: unknown[] = Array.isArray(doc.standards) ? doc.standards : [];
  if (themes.length === 0) problems.push({ path: 'themes', message: 'at least one theme is required' });
  if (standards.length === 0) problems.push({ path: 'standards', message: 'at least one standard is required' });
  // Far more than any framework has; the bound keeps checking an import to milliseconds.
  if (themes.length > MAX_THEMES || standards.length > MAX_STANDARDS) {
    return {
      framework: null,
      problems: [
        ...problems,
        {
          path: 'standards',
          message: `a framework can have at most ${MAX_THEMES} themes and ${MAX_STANDARDS} standards`,
        },
      ],
    };
  }

  const themeIds = new Set<string>();
  themes.forEach((theme, i) => {
    const at = `themes[${i}]`;
    if (!isRecord(theme))
      return problems.push({ path: at, message: 'each theme is an object with id, title and description' });
    unknownKeys(theme, THEME_KEYS, at, problems);
    if (!isText(theme.id, 40) || !THEME_ID.test(theme.id))
      problems.push({
        path: `${at}.id`,
        message:
          'theme id must be lower-case letters and digits in words joined by hyphens, like joint-working (up to 40 characters)',
      });
    else if (themeIds.has(theme.id)) problems.push({ path: `${at}.id`, message: `theme ${theme.id} appears twice` });
    else themeIds.add(theme.id);
    if (!isText(theme.title, 200)) problems.push({ path: `${at}.title`, message: 'theme title is required' });
    if (theme.description !== undefined && (typeof theme.description !== 'string' || theme.description.length > 600))
      problems.push({ path: `${at}.description`, message: 'theme description must be text of up to 600 characters' });
  });

  const sectorCodes = new Set<string>([...codesOf(SECTORS), 'all']);
  const ids = new Set<string>();
  standards.forEach((standard, i) => {
    const at = `standards[${i}]`;
    if (!isRecord(standard))
      return problems.push({
        path: at,
        message: 'each standard is an object with id, theme, statement, evidence, sectors and quickWin',
      });
    unknownKeys(standard, STANDARD_KEYS, at, problems);
    if (!isText(standard.id, 20) || !STANDARD_ID.test(standard.id))
      problems.push({
        path: `${at}.id`,
        message:
          'standard id must be upper-case letters and digits joined by hyphens, like GOV-01 (up to 20 characters)',
      });
    else if (ids.has(standard.id))
      problems.push({ path: `${at}.id`, message: `standard ${standard.id} appears twice` });
    else ids.add(standard.id);
    if (!isText(standard.theme, 40) || !themeIds.has(standard.theme))
      problems.push({ path: `${at}.theme`, message: `theme must be one of the framework's themes` });
    if (!isText(standard.statement))
      problems.push({ path: `${at}.statement`, message: 'statement is required (up to 600 characters)' });
    if (!isText(standard.evidence))
      problems.push({ path: `${at}.evidence`, message: 'evidence is required (up to 600 characters)' });
    const sectors = standard.sectors;
    if (
      !Array.isArray(sectors) ||
      sectors.length === 0 ||
      sectors.length > sectorCodes.size ||
      sectors.some((c) => typeof c !== 'string' || !sectorCodes.has(c))
    ) {
      problems.push({ path: `${at}.sectors`, message: 'sectors must list sector codes, or "all"' });
    }
    if (typeof standard.quickWin !== 'boolean')
      problems.push({ path: `${at}.quickWin`, message: 'quickWin must be true or false' });
  });

  const field = (record: unknown, key: string) => (isRecord(record) ? record[key] : undefined);
  problems.push(
    ...textProblems([
      ['key', doc.key, 60],
      ['version', doc.version, 20],
      ['title', doc.title, 200],
      ['description', doc.description, 1000],
      ...(Array.isArray(doc.sources) ? doc.sources.slice(0, 50) : []).map((v, i): [string, unknown, number] => [
        `sources[${i}]`,
        v,
        300,
      ]),
      ...themes.flatMap((t, i): [string, unknown, number][] => [
        [`themes[${i}].id`, field(t, 'id'), 40],
        [`themes[${i}].title`, field(t, 'title'), 200],
        [`themes[${i}].description`, field(t, 'description'), 600],
      ]),
      ...standards.flatMap((s, i): [string, unknown, number][] => [
        [`standards[${i}].id`, field(s, 'id'), 20],
        [`standards[${i}].statement`, field(s, 'statement'), 600],
        [`standards[${i}].evidence`, field(s, 'evidence'), 600],
      ]),
    ]),
  );
  if (problems.length) return { framework: null, problems };

  // Built from the checked values only: what is stored and served is exactly what was read.
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const framework: Framework = {
    key: text(doc.key),
    version: text(doc.version),
    kind: doc.kind as FrameworkKind,
    title: text(doc.title),
    description: text(doc.description),
    sources: Array.isArray(doc.sources) ? doc.sources.map(text) : [],
    themes: themes.map((t) => ({
      id: text(field(t, 'id')),
      title: text(field(t, 'title')),
      description: text(field(t, 'description')),
    })),
    standards: standards.map((s) => ({
      id: text(field(s, 'id')),
      theme: text(field(s, 'theme')),
      statement: text(field(s, 'statement')),
      evidence: text(field(s, 'evidence')),
      sectors: [...new Set(field(s, 'sectors') as (SectorCode | 'all')[])],
      quickWin: field(s, 'quickWin') as boolean,
    })),
  };
  return { framework, problems: [] };
}

/** True when a standard applies to an agency of this sector (Marac frameworks apply to the whole Marac). */
export function appliesTo(standard: Pick<Standard, 'sectors'>, sector: SectorCode | null): boolean {
  return sector === null || standard.sectors.includes('all') || standard.sectors.includes(sector);
}
