import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { compliance, parseFinancialYear, STANDARD_RATINGS, type StandardRating } from '@waymark/domain';
import { WarehouseSync } from '../analytics/warehouse-sync.service.js';
import { AuditEventsService } from '../audit-events/audit-events.service.js';
import { BodyReader } from '../common/body.js';
import type { Caller } from '../scope/area-scope.js';
import { SubmittingOwners, unprocessable } from '../scope/submitting-owner.js';
import { StandardsRepository } from '../standards/standards.repository.js';
import { ratingsFromXlsx } from './audit-files.js';
import { AuditsRepository, type AuditItem, type AuditView } from './audits.repository.js';
import { readRatings, submissionProblems } from './rating-input.js';
import { isUuid } from '../common/ids.js';

function summarise(items: AuditItem[]) {
  const rated = (pick: (i: AuditItem) => StandardRating | null) =>
    items.map(pick).filter((r): r is StandardRating => r !== null);
  return {
    standards: items.length,
    unrated: items.filter((i) => !i.selfRating).length,
    selfRated: compliance(rated((i) => i.selfRating)),
    afterModeration: compliance(rated((i) => i.moderatedRating ?? i.selfRating)),
    actions: items.filter((i) => i.action).length,
  };
}

@Injectable()
export class AuditsService {
  constructor(
    private readonly audits: AuditsRepository,
    private readonly standards: StandardsRepository,
    private readonly owners: SubmittingOwners,
    private readonly warehouse: WarehouseSync,
    private readonly auditTrail: AuditEventsService,
  ) {}

  /**
   * Opens the draft audit for an agency (or Marac) and year: the standards its area has adopted that
   * apply to its sector. An existing draft is returned as it is; after a submitted version, the new
   * draft starts from that version's answers (a re-audit or a correction).
   */
  async open(
    caller: Caller,
    body: unknown,
  ): Promise<{ created: boolean; audit: Awaited<ReturnType<AuditsService['get']>> }> {
    const input = new BodyReader(body);
    const period = input.text('period', 'Choose the year the audit covers, like 2025-26', { max: 7 });
    if (period && !parseFinancialYear(period)) input.problem('period', 'The year must be written like 2025-26');
    input.finish();
    const kind = input.has('agencyId')
      ? 'agency'
      : input.has('maracId') || caller.role === 'marac_coordinator'
        ? 'marac'
        : 'agency';
    const raw = (body ?? {}) as Record<string, unknown>;
    const owner = await this.owners.resolve(
      caller,
      kind,
      kind === 'agency' ? raw.agencyId : raw.maracId,
      'a self-audit',
    );

    const draft = await this.audits.draftId(owner, period!);
    if (draft) return { created: false, audit: await this.get(caller, draft) };
    const adoption = await this.standards.governingAdoption(owner.areaCode, kind);
    if (!adoption)
      throw unprocessable('No standards to audit against', [
        {
          row: null,
          column: null,
          rule: 'no_adoption',
          message: 'This area has not adopted a practice standards framework yet. Ask your commissioner to adopt one.',
        },
      ]);
    const codes = await this.standards.applicableCodes(adoption, owner.sector);
    const previous =
      (await this.audits.currentId(owner, period!)) ?? (await this.audits.currentId(owner, previousYear(period!)));
    const id = await this.audits.createDraft(owner, adoption, period!, codes, caller.userId, previous);
    return { created: true, audit: await this.get(caller, id) };
  }

  async view(caller: Caller, id: string): Promise<AuditView> {
    const audit = isUuid(id) ? await this.audits.find(caller.scope, id) : null;
    if (!audit) throw new NotFoundException('No audit with that id that you can see');
    return audit;
  }

  async get(caller: Caller, id: string) {
    const audit = await this.view(caller, id);
    const items = await this.audits.items(id);
    return { ...audit, summary: summarise(items), items };
  }

  list(caller: Caller, query: Record<string, string | undefined>) {
    const uuid = (v: string | undefined) => (v && isUuid(v) ? v : null);
    return this.audits.list(caller.scope, {
      agencyId: uuid(query.agencyId),
      maracId: uuid(query.maracId),
      period: query.period ?? null,
    });
  }

  versions(caller: Caller, id: string) {
    return this.view(caller, id).then((audit) => this.audits.versions(audit));
  }

  /** Only the agency (or Marac) itself, or an administrator, changes its draft. */
  private async editable(caller: Caller, id: string): Promise<AuditView> {
    const audit = await this.view(caller, id);
    const own = audit.agencyId
      ? caller.role === 'agency_submitter' && caller.agencyId === audit.agencyId
      : caller.role === 'marac_coordinator' && caller.maracId === audit.maracId;
    if (!own && caller.role !== 'admin')
      throw new ForbiddenException('Only the agency or Marac that owns this audit can change it');
    if (audit.status !== 'draft')
      throw new ConflictException('This audit has been submitted. Open a new draft to change it.');
    return audit;
  }

  async saveRatings(caller: Caller, id: string, input: { body?: unknown; file?: { buffer: Buffer } }) {
    await this.editable(caller, id);
    const items = await this.audits.items(id);
    const raw = input.file
      ? await ratingsFromXlsx(input.file.buffer)
      : ((input.body ?? {}) as { ratings?: unknown }).ratings;
    const { ratings, problems } = readRatings(raw, items, input.file ? 1 : 0);
    if (problems.length)
      throw unprocessable(
        `The ratings were not saved: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`,
        problems,
      );
    await this.audits.saveRatings(id, ratings);
    return this.get(caller, id);
  }

  async submit(caller: Caller, id: string) {
    const audit = await this.editable(caller, id);
    const problems = submissionProblems(await this.audits.items(id));
    if (problems.length) throw unprocessable('The audit is not ready to submit', problems);
    await this.audits.submit(audit, caller.userId);
    const submitted = await this.get(caller, id);
    await this.auditTrail.record({
      actor: caller,
      action: 'audit_submitted',
      target: { type: 'audit', id },
      areaCode: audit.areaCode,
      summary: `Submitted version ${submitted.version} of the ${audit.period} self-audit for ${audit.ownerName}`,
      details: { period: audit.period, version: submitted.version, standards: submitted.summary.standards },
    });
    await this.warehouse.catchUp();
    return submitted;
  }

  /** An analyst confirms or changes a rating, giving a reason; the self-rating is kept beside it. */
  async moderate(caller: Caller, id: string, code: string, body: unknown) {
    const audit = await this.view(caller, id);
    if (audit.status !== 'submitted' || !audit.current)
      throw new ConflictException('Only the current submitted version of an audit can be moderated');
    const input = new BodyReader(body);
    const rating = input.oneOf(
      'rating',
      STANDARD_RATINGS.map((r) => r.code),
      'Choose the moderated rating',
    );
    const reason = input.freeText('reason', 'Give the reason for the moderated rating', { max: 300 });
    input.finish();
    if (!(await this.audits.moderate(id, code, rating!, reason!, caller.userId)))
      throw new NotFoundException(
        `Standard ${/^[A-Za-z0-9-]{1,20}$/.test(code) ? code : 'with that code'} is not part of this audit`,
      );
    // The reason is free text, so it stays with the audit and out of the trail.
    await this.auditTrail.record({
      actor: caller,
      action: 'rating_moderated',
      target: { type: 'audit', id },
      areaCode: audit.areaCode,
      summary: `Moderated standard ${code} of the ${audit.period} self-audit for ${audit.ownerName}`,
      details: { standard: code, rating, version: audit.version },
    });
    await this.warehouse.catchUp();
    return this.get(caller, id);
  }
}

function previousYear(period: string): string {
  const start = parseFinancialYear(period)!.startYear - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
