import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  checkScheduleQuarters,
  defaultReturnType,
  quarterLabel,
  quarterOfDate,
  RETURN_TYPES,
  returnTypeById,
  returnTypesSentBy,
  ukDate,
  type OwnerKind,
} from '@waymark/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { WarehouseSync } from '../analytics/warehouse-sync.service.js';
import { AuditEventsService } from '../audit-events/audit-events.service.js';
import { BodyReader } from '../common/body.js';
import { isUuid } from '../common/ids.js';
import type { AreaScope, Caller } from '../scope/area-scope.js';
import { OwnersRepository } from '../scope/owners.repository.js';
import { SchedulesRepository, type NewSchedule, type ScheduleView } from './schedules.repository.js';

const NOUN: Record<OwnerKind, string> = { agency: 'agency', marac: 'Marac' };

/** "the Marac return of Hartlepool Marac", for the audit trail. */
const describe = (s: ScheduleView) => `the ${returnTypeById(s.returnType)!.title} of ${s.ownerName}`;

/** A schedule's quarters, checked, with any problems added to the form's. */
function readQuarters(input: BodyReader, from: unknown, until: unknown): { from: string; until: string | null } | null {
  const checked = checkScheduleQuarters(from, until, ukDate());
  if ('from' in checked) return checked;
  checked.problems.forEach((p) => input.problem(p.field, p.message));
  return null;
}

/**
 * Return schedules: which agencies and Maracs are due to send which returns, from which quarter and
 * until which. Completeness, here and in the warehouse, counts only what a schedule makes due.
 */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly owners: OwnersRepository,
    private readonly auditEvents: AuditEventsService,
    private readonly warehouse: WarehouseSync,
  ) {}

  list(scope: AreaScope, area: string | undefined): Promise<ScheduleView[]> {
    if (area && !scope.includesArea(area)) throw new NotFoundException(`No area ${area.slice(0, 12)} that you can see`);
    return this.schedules.list(scope, area || null);
  }

  async create(caller: Caller, body: unknown): Promise<ScheduleView> {
    const input = new BodyReader(body);
    const owner = await this.readOwner(caller.scope, input);
    const types = owner ? returnTypesSentBy(owner.kind) : RETURN_TYPES;
    const returnType = input.oneOf(
      'returnType',
      types.map((t) => t.id),
      owner ? `Choose a return ${NOUN[owner.kind]}s send` : 'Choose a return type',
    );
    const quarters = readQuarters(
      input,
      input.text('from', '', { optional: true, max: 20 }),
      input.text('until', '', { optional: true, max: 20 }),
    );
    const schedule =
      owner && returnType && quarters ? { owner, returnType, ...quarters, createdBy: caller.userId } : null;
    if (schedule && (await this.schedules.overlaps(schedule, null)))
      input.problem(
        'from',
        `This ${NOUN[schedule.owner.kind]} already has a schedule for this return covering some of these quarters: end that one first`,
      );
    input.finish();
    const id = await this.schedules.insertAlone(schedule!);
    if (!id)
      throw new ConflictException({
        statusCode: 409,
        message: 'Another schedule for this return was added at the same moment',
        problems: [
          {
            row: null,
            column: 'from',
            rule: 'overlapping_schedule',
            message:
              'Another schedule for this return covering some of these quarters was added at the same moment: reload to see it',
          },
        ],
      });
    return this.changed(
      caller,
      id,
      (s) => `Scheduled ${describe(s)} from ${s.from}${s.until ? ` until ${s.until}` : ''}`,
    );
  }

  /** Ends a schedule after a quarter (or, with `until: null`, lets it run on); schedules are never deleted. */
  async end(caller: Caller, id: string, body: unknown): Promise<ScheduleView> {
    const current = isUuid(id) ? await this.schedules.find(id) : null;
    if (!current || !caller.scope.includesArea(current.areaCode))
      throw new NotFoundException('No return schedule with that id that you can see');
    const input = new BodyReader(body);
    const asked = input.has('until');
    if (!asked) input.problem('until', 'Enter the last quarter this return is due');
    const quarters = asked
      ? readQuarters(input, current.from, input.text('until', '', { optional: true, max: 20 }))
      : null;
    const owner = { kind: current.ownerKind, id: (current.agencyId ?? current.maracId)! };
    if (quarters && (await this.schedules.overlaps({ owner, returnType: current.returnType, ...quarters }, id)))
      input.problem('until', 'Another schedule for this return starts before then: end this one earlier');
    input.finish();
    await this.schedules.setUntil(id, quarters!.until);
    return this.changed(caller, id, (s) =>
      s.until ? `Ended ${describe(s)} after ${s.until}` : `Reopened ${describe(s)} until further notice`,
    );
  }

  /**
   * When the default schedule of a new agency or Marac starts: the quarter it is added in (so nothing
   * is late on its first day; a partnership that wants earlier quarters adds a schedule), unless the
   * request names another (`scheduleFrom`) or says none (`scheduleFrom: null`).
   */
  readDefaultStart(input: BodyReader): string | null {
    if (!input.has('scheduleFrom')) return quarterLabel(quarterOfDate(ukDate()));
    const from = input.text('scheduleFrom', '', { optional: true, max: 20 });
    if (from === undefined) return null;
    const checked = checkScheduleQuarters(from, null, ukDate());
    if ('from' in checked) return checked.from;
    input.problem('scheduleFrom', checked.problems[0].message);
    return null;
  }

  /** Gives a new agency or Marac its default quarterly return, inside the transaction that creates it. */
  async startDefault(
    tx: DataSource | EntityManager,
    owner: NewSchedule['owner'],
    from: string | null,
    caller: Caller,
  ): Promise<void> {
    if (from)
      await this.schedules.insert(
        { owner, returnType: defaultReturnType(owner.kind).id, from, until: null, createdBy: caller.userId },
        tx,
      );
  }

  /**
   * The one agency or Marac named by `agencyId` or `maracId` (null, with a problem, when neither or
   * both are); 404 when it does not exist or the caller cannot see it.
   */
  private async readOwner(scope: AreaScope, input: BodyReader): Promise<{ kind: OwnerKind; id: string } | null> {
    const named = (['agency', 'marac'] as const)
      .map((kind) => ({ kind, id: input.text(`${kind}Id`, '', { optional: true, max: 36 }) }))
      .filter((o) => o.id);
    if (named.length !== 1) {
      input.problem('agencyId', 'Choose the agency or the Marac this schedule is for');
      return null;
    }
    const { kind, id } = named[0] as { kind: OwnerKind; id: string };
    const owner = isUuid(id) ? await this.owners.info(kind, id) : null;
    if (!owner || !scope.includesArea(owner.areaCode))
      throw new NotFoundException(`No ${NOUN[kind]} with that id that you can see`);
    return { kind, id };
  }

  private async changed(
    caller: Caller,
    id: string,
    summary: (schedule: ScheduleView) => string,
  ): Promise<ScheduleView> {
    const schedule = (await this.schedules.find(id))!;
    await this.auditEvents.record({
      actor: caller,
      action: 'schedule_changed',
      target: { type: 'return_schedule', id },
      areaCode: schedule.areaCode,
      summary: summary(schedule),
      details: {
        ownerKind: schedule.ownerKind,
        ownerId: schedule.agencyId ?? schedule.maracId,
        returnType: schedule.returnType,
        from: schedule.from,
        until: schedule.until,
      },
    });
    await this.warehouse.catchUp();
    return schedule;
  }
}
