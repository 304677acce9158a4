import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  checkQuarter,
  quarterDueDate,
  quarterLabel,
  quarterOfDate,
  RETURN_STATUS_LABELS,
  returnAccess,
  returnStatus,
  returnTypeById,
  ukDate,
  type CompletenessAnswer,
  type ReturnStatus,
} from '@waymark/domain';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config.js';
import type { Caller } from '../scope/area-scope.js';
import { unprocessable } from '../scope/submitting-owner.js';
import { CompletenessRepository } from './completeness.repository.js';

@Injectable()
export class CompletenessService {
  constructor(
    private readonly completeness: CompletenessRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Who has sent the returns their schedules say are due, who is late and who is missing, with the due date. */
  async report(caller: Caller, query: { area?: string; period?: string }): Promise<CompletenessAnswer> {
    const today = ukDate();
    const checked = query.period ? checkQuarter(query.period, today) : { quarter: quarterOfDate(today) };
    if ('problem' in checked)
      throw unprocessable('period is not a quarter Waymark can show', [
        { row: null, column: 'period', rule: 'period', message: checked.problem },
      ]);
    const quarter = checked.quarter;
    const area = query.area || null;
    if (area && !caller.scope.includesArea(area))
      throw new NotFoundException(`No area ${area.slice(0, 12)} that you can see`);

    const dueDate = quarterDueDate(quarter, this.config.returnDueDays);
    const rows = await this.completeness.expected(caller.scope, area, quarterLabel(quarter));
    const items = rows.map((r) => {
      const status = returnStatus(r.firstSubmittedOn, dueDate, today);
      const type = returnTypeById(r.returnType)!;
      // Everyone may see who has sent a return; only those who may read it get its id.
      const readable =
        r.submissionId !== null &&
        returnAccess(caller, type, {
          agencyId: r.kind === 'agency' ? r.id : null,
          maracId: r.kind === 'marac' ? r.id : null,
        }) !== 'none';
      return {
        ...r,
        submissionId: readable ? r.submissionId : null,
        dueDate,
        status,
        statusLabel: RETURN_STATUS_LABELS[status],
      };
    });
    const counts = Object.fromEntries(
      (Object.keys(RETURN_STATUS_LABELS) as ReturnStatus[]).map((s) => [s, items.filter((i) => i.status === s).length]),
    ) as Record<ReturnStatus, number>; // every status, counted
    return { area, period: quarterLabel(quarter), dueDate, dueDays: this.config.returnDueDays, today, counts, items };
  }
}
