import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { codesOf, parseFinancialYear, readFramework, SECTORS, ukDate } from '@waymark/domain';
import { AuditEventsService } from '../audit-events/audit-events.service.js';
import { BodyReader } from '../common/body.js';
import { parseJsonFile } from '../common/json-file.js';
import type { Caller } from '../scope/area-scope.js';
import { ComplianceRepository, type AuditOwnerKind, type ComplianceBy } from './compliance.repository.js';
import { frameworkFromXlsx } from './framework-files.js';
import { StandardsRepository } from './standards.repository.js';
import { isUuid } from '../common/ids.js';

const BY: readonly ComplianceBy[] = ['standard', 'theme', 'agency', 'sector'];
const OWNERS: readonly AuditOwnerKind[] = ['agency', 'marac'];

@Injectable()
export class StandardsService {
  constructor(
    private readonly standards: StandardsRepository,
    private readonly compliances: ComplianceRepository,
    private readonly auditEvents: AuditEventsService,
  ) {}

  listFrameworks() {
    return this.standards.listFrameworks();
  }

  async framework(id: string) {
    const found = isUuid(id) ? await this.standards.framework(id) : null;
    if (!found) throw new NotFoundException('No standards framework with that id');
    return found;
  }

  /** A new framework version from JSON (body or file) or XLSX; 422 lists every problem, 409 if that version exists. */
  async importFramework(caller: Caller, input: { json?: unknown; file?: { buffer: Buffer; originalname: string } }) {
    let raw: unknown = input.json;
    if (input.file) {
      const isXlsx = input.file.buffer.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';
      raw = isXlsx ? await frameworkFromXlsx(input.file.buffer) : parseJsonFile(input.file.buffer); // strict JSON otherwise
    }
    // Only the checked values are stored (and served back): unknown properties are refused, never kept unread.
    const { framework: doc, problems } = readFramework(raw);
    if (!doc)
      throw new UnprocessableEntityException({ statusCode: 422, message: 'The framework was not imported', problems });
    if (await this.standards.frameworkExists(doc.key, doc.version))
      throw new ConflictException(
        `Version ${doc.version} of ${doc.key} already exists: give the changed framework a new version`,
      );
    const id = await this.standards.store(doc, caller.userId);
    const { summary } = (await this.standards.framework(id))!;
    await this.auditEvents.record({
      actor: caller,
      action: 'framework_imported',
      target: { type: 'framework', id },
      summary: `Imported version ${summary.version} of ${summary.title}`,
      details: { key: summary.key, version: summary.version, standards: summary.standards },
    });
    return summary;
  }

  async adopt(caller: Caller, body: unknown) {
    const input = new BodyReader(body);
    const areaCode = input.text('areaCode', 'Choose the area that is signing up', { max: 9 });
    const frameworkId = input.text('frameworkId', 'Choose the framework to adopt', { max: 36 });
    input.finish();
    if (!caller.scope.includesArea(areaCode!)) throw new NotFoundException('No area with that code that you can see');
    const { summary } = await this.framework(frameworkId!);
    const id = await this.standards.adopt(areaCode!, frameworkId!, caller.userId);
    const adoption = await this.adoption(caller, id);
    await this.recordChange(
      caller,
      id,
      areaCode!,
      `Adopted ${summary.title} (version ${summary.version}) for ${adoption.areaName}`,
      { frameworkId },
    );
    return adoption;
  }

  listAdoptions(caller: Caller) {
    return this.standards.listAdoptions(caller.scope);
  }

  async adoption(caller: Caller, id: string) {
    const adoption = isUuid(id) ? await this.standards.adoption(id) : null;
    if (!adoption || !caller.scope.includesArea(adoption.areaCode))
      throw new NotFoundException('No adoption with that id that you can see');
    return { ...adoption, standards: await this.standards.adoptedStandards(id) };
  }

  /** Switch a standard off, saying why (it no longer appears in new audits), or back on. */
  async setActive(caller: Caller, id: string, code: string, body: unknown) {
    const adoption = await this.adoption(caller, id);
    const input = new BodyReader(body);
    const active = input.boolean('active');
    if (active === undefined) input.problem('active', 'Say whether the standard is in use: true or false');
    const reason =
      active === false
        ? input.freeText('reason', 'Enter why the area is switching this standard off', { max: 600 })
        : null;
    input.finish();
    if (!(await this.standards.setActive(id, code, active!, reason ?? null)))
      throw new NotFoundException(`No standard ${code.slice(0, 20)} in this adoption`);
    await this.recordChange(
      caller,
      id,
      adoption.areaCode,
      `Switched standard ${code} ${active ? 'back on' : 'off'} for ${adoption.areaName}`,
      { code, active, ...(reason ? { reason } : {}) },
    );
    return this.adoption(caller, id);
  }

  async addLocal(caller: Caller, id: string, body: unknown) {
    const adoption = await this.adoption(caller, id);
    const input = new BodyReader(body);
    const themeId = input.text('theme', 'Choose the theme the standard belongs to', { max: 60 });
    const statement = input.freeText('statement', 'Enter what the standard asks of agencies', { max: 600 });
    const evidence = input.freeText('evidence', 'Enter what evidence shows it is met', { max: 600 });
    const sectors = input.has('sectors')
      ? input.stringList('sectors', 'List the sectors it applies to, or "all"')
      : ['all'];
    const quickWin = input.boolean('quickWin') ?? false;
    const theme = adoption.standards.find((s) => s.themeId === themeId);
    if (themeId && !theme)
      input.problem(
        'theme',
        `Theme must be one of: ${[...new Set(adoption.standards.map((s) => s.themeId))].join(', ')}`,
      );
    if (sectors.some((s) => s !== 'all' && !codesOf(SECTORS).includes(s as never)))
      input.problem('sectors', 'Sectors must be sector codes, or "all"');
    input.finish();
    const code = await this.standards.addLocal(id, {
      themeId: themeId!,
      themeTitle: theme!.themeTitle,
      statement: statement!,
      evidence: evidence!,
      sectors,
      quickWin,
    });
    await this.recordChange(caller, id, adoption.areaCode, `Added local standard ${code} for ${adoption.areaName}`, {
      code,
      theme: themeId,
    });
    return { code, ...(await this.adoption(caller, id)) };
  }

  private recordChange(
    caller: Caller,
    adoptionId: string,
    areaCode: string,
    summary: string,
    details: Record<string, unknown>,
  ) {
    return this.auditEvents.record({
      actor: caller,
      action: 'adoption_changed',
      target: { type: 'adoption', id: adoptionId },
      areaCode,
      summary,
      details,
    });
  }

  private readArea(caller: Caller, area: string | undefined): string | null {
    if (area && !caller.scope.includesArea(area))
      throw new NotFoundException(`No area ${area.slice(0, 12)} that you can see`);
    return area || null;
  }

  private readPeriod(period: string | undefined): string {
    if (!period || !parseFinancialYear(period))
      throw new UnprocessableEntityException('period must be a financial year like 2025-26');
    return period;
  }

  /** Compliance of agencies' (or, with kind=marac, Maracs') current audits, grouped as asked. */
  compliance(caller: Caller, query: { area?: string; period?: string; by?: string; kind?: string }) {
    const by = (query.by ?? 'standard') as ComplianceBy;
    if (!BY.includes(by)) throw new UnprocessableEntityException(`by must be one of ${BY.join(', ')}`);
    const owner = (query.kind ?? 'agency') as AuditOwnerKind;
    if (!OWNERS.includes(owner)) throw new UnprocessableEntityException(`kind must be one of ${OWNERS.join(', ')}`);
    return this.compliances.compliance(
      caller.scope,
      this.readArea(caller, query.area),
      this.readPeriod(query.period),
      by,
      owner,
    );
  }

  /** Maracs' self-assessments against the principles, theme by theme, and their actions past their target dates. */
  async maracSelfAssessment(caller: Caller, query: { area?: string; period?: string }) {
    const area = this.readArea(caller, query.area);
    const period = this.readPeriod(query.period);
    const [themes, overdueActions] = await Promise.all([
      this.compliances.compliance(caller.scope, area, period, 'theme', 'marac'),
      this.compliances.overdueActions(caller.scope, area, period, ukDate(), 'marac'),
    ]);
    return { themes, overdueActions };
  }

  /** What a steering group needs to see: standards nobody meets, overdue actions, and change since the last audit. */
  async gaps(caller: Caller, query: { area?: string; period?: string }) {
    const area = this.readArea(caller, query.area);
    const period = this.readPeriod(query.period);
    const start = parseFinancialYear(period)!.startYear;
    const previous = `${start - 1}-${String(start % 100).padStart(2, '0')}`;
    const byStandard = await this.compliances.compliance(caller.scope, area, period, 'standard');
    return {
      area,
      period,
      previousPeriod: previous,
      standardsNoAgencyMeets: byStandard.filter((s) => s.applicable > 0 && s.met === 0),
      overdueActions: await this.compliances.overdueActions(caller.scope, area, period, ukDate()),
      changeSinceLastAudit: await this.compliances.changeSinceLast(caller.scope, area, period, previous),
    };
  }
}
