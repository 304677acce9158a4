/** The prefix of the template databases one run makes (template-database.ts). */
export const templatePrefix = (runId: string) => `waymark_tmpl_${runId}_`;
