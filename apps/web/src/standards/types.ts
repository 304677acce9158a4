/** An area's current choice of framework (GET /api/standards/adoptions). */
export interface Adoption {
  id: string;
  areaCode: string;
  areaName: string;
  kind: 'agency' | 'marac';
  frameworkId: string;
  frameworkTitle: string;
  frameworkVersion: string;
  adoptedAt: string;
}

export interface AdoptedStandard {
  code: string;
  themeId: string;
  themeTitle: string;
  statement: string;
  evidence: string;
  sectors: string[];
  quickWin: boolean;
  origin: 'framework' | 'local';
  active: boolean;
  switchedOffReason: string | null;
}

export interface Framework {
  id: string;
  key: string;
  version: string;
  kind: 'agency' | 'marac';
  title: string;
  standards: number;
}

export const KIND_WORDS: Record<Adoption['kind'], string> = { agency: 'Agency standards', marac: 'Marac principles' };

/** The standards grouped by theme, in the framework's order. */
export function byTheme(standards: AdoptedStandard[]): { id: string; title: string; standards: AdoptedStandard[] }[] {
  const themes = new Map<string, { id: string; title: string; standards: AdoptedStandard[] }>();
  for (const s of standards) {
    if (!themes.has(s.themeId)) themes.set(s.themeId, { id: s.themeId, title: s.themeTitle, standards: [] });
    themes.get(s.themeId)!.standards.push(s);
  }
  return [...themes.values()];
}
