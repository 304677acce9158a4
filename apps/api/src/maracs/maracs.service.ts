import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { areaTypeOfGss } from '@waymark/domain';
import { WarehouseSync } from '../analytics/warehouse-sync.service.js';
import { AreasRepository } from '../areas/areas.repository.js';
import { AreasService } from '../areas/areas.service.js';
import { AuditEventsService } from '../audit-events/audit-events.service.js';
import { BodyReader } from '../common/body.js';
import { isUuid } from '../common/ids.js';
import type { AreaScope, Caller } from '../scope/area-scope.js';
import { SchedulesService } from '../schedules/schedules.service.js';
import { MaracsRepository, type MaracFields, type MaracView } from './maracs.repository.js';

/**
 * Maracs: administrators manage every one, analysts those in the areas they are granted. A change
 * reaches the warehouse at once, so analytics count a new Marac straight away.
 */
@Injectable()
export class MaracsService {
  constructor(
    private readonly maracs: MaracsRepository,
    private readonly areas: AreasService,
    private readonly areaCodes: AreasRepository,
    private readonly schedules: SchedulesService,
    private readonly auditEvents: AuditEventsService,
    private readonly warehouse: WarehouseSync,
  ) {}

  async list(scope: AreaScope, areaCode: string | undefined): Promise<MaracView[]> {
    if (areaCode !== undefined) await this.areas.get(scope, areaCode);
    return this.maracs.list(scope, areaCode ?? null);
  }

  /** A Marac the caller may see; 404 both when it does not exist and when it is outside their scope. */
  async get(scope: AreaScope, id: string): Promise<MaracView> {
    const marac = isUuid(id) ? await this.maracs.find(id) : null;
    if (!marac || !scope.includesArea(marac.areaCode))
      throw new NotFoundException('No Marac with that id that you can see');
    return marac;
  }

  /** A new Marac, due to send its quarterly return from the current quarter unless `scheduleFrom` says otherwise. */
  async create(caller: Caller, body: unknown): Promise<MaracView> {
    const input = new BodyReader(body);
    const scheduleFrom = this.schedules.readDefaultStart(input);
    const fields = await this.readFields(caller.scope, input, null);
    const id = await this.maracs.insert(fields, (tx, id) =>
      this.schedules.startDefault(tx, { kind: 'marac', id }, scheduleFrom, caller),
    );
    const marac = (await this.maracs.find(id))!;
    await this.auditEvents.record({
      actor: caller,
      action: 'marac_created',
      target: { type: 'marac', id },
      areaCode: marac.areaCode,
      summary: `Created the Marac ${marac.name} in ${marac.areaName}`,
      details: { active: marac.active, scheduleFrom },
    });
    await this.warehouse.catchUp();
    return marac;
  }

  async update(caller: Caller, id: string, body: unknown): Promise<MaracView> {
    const current = await this.get(caller.scope, id);
    const fields = await this.readFields(caller.scope, new BodyReader(body), current);
    await this.maracs.update(id, fields);
    const changed = (Object.keys(fields) as (keyof MaracFields)[]).filter((k) => fields[k] !== current[k]);
    const summary = changed.length
      ? `Changed the Marac ${current.name}: ${changed.join(', ')}`
      : `Saved the Marac ${current.name} unchanged`;
    await this.auditEvents.record({
      actor: caller,
      action: 'marac_changed',
      target: { type: 'marac', id },
      areaCode: fields.areaCode,
      summary,
      details: { changed },
    });
    await this.warehouse.catchUp();
    return (await this.maracs.find(id))!;
  }

  /** Validates a whole or partial Marac; on update, missing fields keep their current values. */
  private async readFields(scope: AreaScope, input: BodyReader, current: MaracView | null): Promise<MaracFields> {
    const partial = current !== null;
    const name = input.freeText('name', 'Enter the Marac name', { optional: partial, max: 120 }) ?? current?.name;
    const areaCode =
      input.text('areaCode', 'Enter the GSS code of the district, partnership or force area the Marac covers', {
        optional: partial,
        max: 9,
      }) ?? current?.areaCode;
    const active = input.boolean('active') ?? current?.active ?? true;
    if (areaCode && (!areaTypeOfGss(areaCode) || (await this.areaCodes.existing([areaCode])).length === 0)) {
      input.problem('areaCode', `${areaCode} is not a known district, partnership or force area code`);
    } else if (areaCode && !scope.includesArea(areaCode)) {
      throw new ForbiddenException('You can only manage Maracs in the areas you are granted');
    } else if (name && (await this.maracs.nameTaken(name, current?.id ?? null))) {
      input.problem('name', 'A Marac with this name already exists');
    }
    input.finish();
    return { name: name!, areaCode: areaCode!, active };
  }
}
