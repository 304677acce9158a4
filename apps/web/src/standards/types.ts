import type { AdoptedStandard, FrameworkKind } from '@waymark/domain';

export const KIND_WORDS: Record<FrameworkKind, string> = { agency: 'Agency standards', marac: 'Marac principles' };

/** The standards grouped by theme, in the framework's order. */
export function byTheme(standards: AdoptedStandard[]): { id: string; title: string; standards: AdoptedStandard[] }[] {
  const themes = new Map<string, { id: string; title: string; standards: AdoptedStandard[] }>();
  for (const s of standards) {
    if (!themes.has(s.themeId)) themes.set(s.themeId, { id: s.themeId, title: s.themeTitle, standards: [] });
    themes.get(s.themeId)!.standards.push(s);
  }
  return [...themes.values()];
}
