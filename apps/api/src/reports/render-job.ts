import type { Report } from '@waymark/domain';
import type { DataPack } from './data-pack.js';

/** Work the render worker does: laying out a report as Word, or a data pack as a workbook. */
export type RenderJob = { format: 'docx'; report: Report } | { format: 'xlsx'; pack: DataPack };

export type RenderAnswer = { id: number; bytes: Uint8Array } | { id: number; error: string };
