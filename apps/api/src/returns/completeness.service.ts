import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  AGENCY_QUARTER,
  MARAC_QUARTER,
  parseQuarter,
  quarterDueDate,
  quarterLabel,
  quarterOfDate,
  RETURN_STATUS_LABELS,
  returnStatus,
  ukDate,
  type ReturnStatus,
} from '@waymark/domain';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config.js';
import type { Caller } from '../scope/area-scope.js';
import { CompletenessRepository } from './completeness.repository.js';

@Injectable()
export class CompletenessService {
  constructor(private readonly completeness: CompletenessRepository, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Who has sent their quarterly return, who is late and who is missing, with the due date. */
  async report(caller: Caller, query: { area?: string; period?: string }) {
    const today = ukDate();
    const quarter = query.period ? parseQuarter(query.period) : quarterOfDate(today);
    if (!quarter) throw new UnprocessableEntityException('period must be a quarter like 2025-26 Q1');
    const area = query.area || null;
    if (area && !caller.scope.includesArea(area)) throw new NotFoundException(`No area ${area.slice(0, 12)} that you can see`);

    const dueDate = quarterDueDate(quarter, this.config.returnDueDays);
    const rows = await this.completeness.expected(caller.scope, area, quarterLabel(quarter), AGENCY_QUARTER.id, MARAC_QUARTER.id);
    const items = rows.map((r) => {
      const status = returnStatus(r.firstSubmittedOn, dueDate, today);
      return { ...r, returnType: r.kind === 'agency' ? AGENCY_QUARTER.id : MARAC_QUARTER.id, dueDate, status, statusLabel: RETURN_STATUS_LABELS[status] };
    });
    const counts = Object.fromEntries((Object.keys(RETURN_STATUS_LABELS) as ReturnStatus[]).map((s) => [s, items.filter((i) => i.status === s).length]));
    return { area, period: quarterLabel(quarter), dueDate, dueDays: this.config.returnDueDays, today, counts, items };
  }
}
