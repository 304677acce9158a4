import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { areaTypeOfGss, codesOf, isCodeIn, JOINT_WORKING_MODELS, SECTORS } from '@waymark/domain';
import { WarehouseSync } from '../analytics/warehouse-sync.service.js';
import { AuditEventsService } from '../audit-events/audit-events.service.js';
import { AreasRepository } from '../areas/areas.repository.js';
import { BodyReader } from '../common/body.js';
import type { AreaScope, Caller } from '../scope/area-scope.js';
import { AgenciesRepository, type AgencyFields, type AgencyView } from './agencies.repository.js';
import { isUuid } from '../common/ids.js';
import { SchedulesService } from '../schedules/schedules.service.js';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly agencies: AgenciesRepository,
    private readonly areas: AreasRepository,
    private readonly warehouse: WarehouseSync,
    private readonly audit: AuditEventsService,
    private readonly schedules: SchedulesService,
  ) {}

  list(scope: AreaScope, query: { area?: string; sector?: string }) {
    if (query.sector !== undefined && !isCodeIn(SECTORS, query.sector)) {
      throw new UnprocessableEntityException(`sector must be one of ${codesOf(SECTORS).join(', ')}`);
    }
    return this.agencies.list(scope, {
      areaCode: query.area ?? null,
      sector: query.sector ?? null,
    });
  }

  /** An agency the caller may see; 404 both when it does not exist and when it is outside their scope. */
  async get(scope: AreaScope, id: string): Promise<AgencyView> {
    const agency = isUuid(id) ? await this.agencies.find(id) : null;
    if (!agency || !scope.includesAgency(agency))
      throw new NotFoundException('No agency with that id that you can see');
    return agency;
  }

  /** A new agency, due to send its quarterly return from the current quarter unless `scheduleFrom` says otherwise. */
  async create(caller: Caller, body: unknown): Promise<AgencyView> {
    const input = new BodyReader(body);
    const scheduleFrom = this.schedules.readDefaultStart(input);
    const fields = await this.readFields(caller.scope, input, null, null);
    const id = await this.agencies.insert(fields, (tx, id) =>
      this.schedules.startDefault(tx, { kind: 'agency', id }, scheduleFrom, caller),
    );
    const agency = (await this.agencies.find(id))!;
    await this.audit.record({
      actor: caller,
      action: 'agency_created',
      target: { type: 'agency', id },
      areaCode: agency.areaCode,
      summary: `Created the agency ${agency.name} in ${agency.areaName}`,
      details: { sector: agency.sector, active: agency.active },
    });
    await this.warehouse.catchUp();
    return agency;
  }

  async update(caller: Caller, id: string, body: unknown): Promise<AgencyView> {
    const current = await this.get(caller.scope, id);
    const fields = await this.readFields(caller.scope, new BodyReader(body), current, id);
    await this.agencies.update(id, fields);
    const changed = (Object.keys(fields) as (keyof AgencyFields)[]).filter((k) => fields[k] !== current[k]);
    await this.audit.record({
      actor: caller,
      action: 'agency_changed',
      target: { type: 'agency', id },
      areaCode: fields.areaCode,
      summary: changed.length
        ? `Changed the agency ${current.name}: ${changed.join(', ')}`
        : `Saved the agency ${current.name} unchanged`,
      details: { changed },
    });
    await this.warehouse.catchUp();
    return (await this.agencies.find(id))!;
  }

  /**
   * Validates a whole or partial agency; on update, missing fields keep their current values. Analysts
   * manage agencies only in the areas they are granted (an agency outside them is already 404).
   */
  private async readFields(
    scope: AreaScope,
    input: BodyReader,
    current: AgencyView | null,
    id: string | null,
  ): Promise<AgencyFields> {
    const partial = current !== null;
    const name = input.freeText('name', 'Enter the agency name', { optional: partial, max: 200 }) ?? current?.name;
    const sector =
      input.oneOf('sector', codesOf(SECTORS), 'Choose the agency sector', { optional: partial }) ?? current?.sector;
    const areaCode =
      input.text('areaCode', 'Enter the GSS code of the agency area', { optional: partial, max: 9 }) ??
      current?.areaCode;
    const jointWorkingModel = input.has('jointWorkingModel')
      ? (input.oneOf('jointWorkingModel', codesOf(JOINT_WORKING_MODELS), 'Choose a joint-working model', {
          optional: true,
        }) ?? null)
      : (current?.jointWorkingModel ?? null);
    const active = input.boolean('active') ?? current?.active ?? true;

    if (areaCode && (!areaTypeOfGss(areaCode) || (await this.areas.existing([areaCode])).length === 0)) {
      input.problem('areaCode', `${areaCode} is not a known local authority, partnership or force area code`);
    } else if (areaCode && !scope.includesArea(areaCode)) {
      throw new ForbiddenException('You can only manage agencies in the areas you are granted');
    } else if (name && areaCode && (await this.agencies.nameTaken(areaCode, name, id))) {
      input.problem('name', 'An agency with this name already exists in this area');
    }
    input.finish();
    return { name: name!, sector: sector!, areaCode: areaCode!, jointWorkingModel, active };
  }
}
