import { createHash } from 'node:crypto';
import { ForbiddenException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import {
  deriveAgencyQuarterInSteps,
  FIRST_YEAR,
  parseQuarter,
  quarterLabel,
  quarterStart,
  returnAccess,
  returnTypeById,
  ukDate,
  validateReturnInSteps,
  type FinancialQuarter,
  type Problem,
  type ReturnAccess,
  type ReturnType,
} from '@waymark/domain';
import type { Caller } from '../scope/area-scope.js';
import { AuditEventsService, refusalOf } from '../audit-events/audit-events.service.js';
import { MEDIA_TYPES, readUpload } from './files/read-upload.js';
import { tableFromJson } from './files/json-reader.js';
import { WarehouseSync } from '../analytics/warehouse-sync.service.js';
import { SubmittingOwners, unprocessable, type ResolvedOwner } from '../scope/submitting-owner.js';
import { ReturnsRepository, type SubmissionView } from './returns.repository.js';
import { timeSlices } from '../common/event-loop.js';
import { checkedFileName } from '../common/file-names.js';
import { isUuid } from '../common/ids.js';
import { valuesCsv } from './values-file.js';

const ROWS_WITHHELD =
  'Case-level rows are only ever sent to the agency that made them. Use the dashboard for figures built from them.';

export interface Upload {
  bytes: Buffer;
  fileName: string | null;
  /** Set for a JSON request body; a file's format is read from its contents. */
  json?: unknown;
}

export interface UploadParams {
  period?: unknown;
  agencyId?: unknown;
  maracId?: unknown;
}

/** What a submission had learnt before it was refused: enough to say what was refused, and for which area. */
interface Attempt {
  type?: ReturnType;
  period?: string;
  owner?: ResolvedOwner;
}

function rejected(problems: Problem[], identifiersFound = false) {
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return unprocessable(`The return was not accepted: it has ${count}. Nothing was stored.`, problems, {
    identifiersFound,
  });
}

@Injectable()
export class ReturnsService {
  constructor(
    private readonly returns: ReturnsRepository,
    private readonly owners: SubmittingOwners,
    private readonly warehouse: WarehouseSync,
    private readonly audit: AuditEventsService,
  ) {}

  typeOrNotFound(id: string): ReturnType {
    const type = returnTypeById(id);
    if (!type) throw new NotFoundException(`There is no return type "${id.slice(0, 40)}"`);
    return type;
  }

  /** Reads, checks and stores one upload; a refusal goes on the audit trail (acceptance does, in `accept`). */
  async submit(caller: Caller, typeId: string, upload: Upload, params: UploadParams) {
    const attempt: Attempt = {};
    try {
      return await this.accept(caller, typeId, upload, params, attempt);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() < 500) await this.recordRefusal(caller, attempt, error);
      throw error;
    }
  }

  private recordRefusal(caller: Caller, { type, period, owner }: Attempt, error: HttpException): Promise<void> {
    const { count, details } = refusalOf(error);
    return this.audit.record({
      actor: caller,
      action: 'return_refused',
      target: owner ? { type: owner.agencyId ? 'agency' : 'marac', id: owner.agencyId ?? owner.maracId } : null,
      areaCode: owner?.areaCode,
      summary: `Refused ${type ? `the ${type.title.toLowerCase()}` : 'a return'}${period ? ` for ${period}` : ''}: ${count}`,
      details: { returnType: type?.id ?? null, period: period ?? null, ...details },
    });
  }

  /** Nothing is stored unless every check passes. */
  private async accept(caller: Caller, typeId: string, upload: Upload, params: UploadParams, attempt: Attempt) {
    const type = this.typeOrNotFound(typeId);
    attempt.type = type;
    // Shown to analysts beside the return, so held to the free-text rule, and tidied and capped.
    const fileName = upload.fileName === null ? null : checkedFileName(upload.fileName);
    const read =
      upload.json !== undefined
        ? { format: 'json' as const, ...tableFromJson(upload.json) }
        : await readUpload(upload.bytes, fileName ?? '');
    const period = this.readPeriod(params.period ?? read.period);
    const label = quarterLabel(period);
    attempt.period = label;
    const asked = type.submittedBy === 'agency' ? (params.agencyId ?? read.agencyId) : (params.maracId ?? read.maracId);
    attempt.owner = await this.owners.resolve(caller, type.submittedBy, asked, `the ${type.title.toLowerCase()}`);
    const { agencyId, maracId, areaCode } = attempt.owner;
    const owner = { agencyId, maracId };
    // Checked in steps, answering other requests every 5 ms or so (a 10 MB file is ~80,000 rows).
    const validation = await validateReturnInSteps(type, read.table, period, timeSlices());
    if (validation.problems.length) throw rejected(validation.problems, validation.identifiersFound);

    const sha256 = createHash('sha256').update(upload.bytes).digest();
    const stored = await this.returns.insert({
      ...owner,
      returnType: type.id,
      period: label,
      submittedBy: caller.userId,
      fileName,
      mediaType: MEDIA_TYPES[read.format],
      byteSize: upload.bytes.length,
      sha256,
      rows: validation.rows,
    });
    await this.audit.record({
      actor: caller,
      action: 'return_accepted',
      target: { type: 'return', id: stored.id },
      areaCode,
      summary: `Accepted version ${stored.version} of the ${type.title.toLowerCase()} for ${label}`,
      details: {
        returnType: type.id,
        period: label,
        version: stored.version,
        rows: validation.rows.length,
        format: read.format,
        replaced: stored.replaced?.id ?? null,
      },
    });
    await this.warehouse.catchUp();
    return {
      ...stored,
      returnType: type.id,
      period: label,
      ...owner,
      rows: validation.rows.length,
      sha256: sha256.toString('hex'),
      summary:
        type.shape === 'single'
          ? { figures: validation.rows[0] }
          : {
              people: new Set(validation.rows.map((r) => r.person_key)).size,
              derivedFigures: await deriveAgencyQuarterInSteps(validation.rows, timeSlices()),
            },
    };
  }

  /**
   * The version a return sent now would replace, so the form can warn first. Asked with the same
   * owner rules as sending; an owner the caller may not send for answers as if nothing were there.
   */
  async current(caller: Caller, query: Record<string, string | undefined>) {
    const type = this.typeOrNotFound(query.type ?? '');
    const period = quarterLabel(
      this.readPeriod(query.period, (problems) => unprocessable('Choose the quarter to check', problems)),
    );
    const asked = type.submittedBy === 'agency' ? query.agencyId : query.maracId;
    const owner = await this.owners
      .resolve(caller, type.submittedBy, asked, `the ${type.title.toLowerCase()}`)
      .catch((error: unknown) => {
        throw error instanceof ForbiddenException
          ? new NotFoundException(
              `You do not send the ${type.title.toLowerCase()} for that ${type.submittedBy === 'agency' ? 'agency' : 'Marac'}`,
            )
          : error;
      });
    return { current: await this.returns.current(type.id, (owner.agencyId ?? owner.maracId)!, period) };
  }

  private readPeriod(raw: unknown, refuse: (problems: Problem[]) => Error = rejected): FinancialQuarter {
    const period = typeof raw === 'string' ? parseQuarter(raw) : null;
    if (!period)
      throw refuse([
        {
          row: null,
          column: 'period',
          rule: 'period_format',
          message: `Choose the quarter the return is for, written like 2025-26 Q1 (from ${FIRST_YEAR}-${String(FIRST_YEAR + 1).slice(2)} Q1)`,
        },
      ]);
    if (quarterStart(period) > ukDate())
      throw refuse([
        {
          row: null,
          column: 'period',
          rule: 'period_in_future',
          message: `${quarterLabel(period)} has not started yet`,
        },
      ]);
    return period;
  }

  /** A return the caller may see (scope), with what they may read of it (the one rule in the domain). */
  private async readable(caller: Caller, id: string): Promise<SubmissionView & { access: ReturnAccess }> {
    const found = isUuid(id) ? await this.returns.find(caller.scope, id) : null;
    const access = found ? returnAccess(caller, returnTypeById(found.returnType)!, found) : 'none';
    if (!found || access === 'none') throw new NotFoundException('No return with that id that you can see');
    return { ...found, access };
  }

  /** The stored values; a case-level return's rows only for the agency that sent it. */
  async detail(caller: Caller, id: string) {
    const submission = await this.readable(caller, id);
    if (submission.access === 'values')
      return { ...submission, rows: await this.returns.rows(id, submission.returnType), rowsWithheld: null };
    return { ...submission, rows: null, rowsWithheld: ROWS_WITHHELD };
  }

  async versions(caller: Caller, id: string) {
    const submission = await this.readable(caller, id);
    return (await this.returns.versionsOf(submission)).map((v) => ({ ...v, access: submission.access }));
  }

  /** What was sent, rebuilt from the validated values (the upload itself is never kept). */
  async valuesFile(caller: Caller, id: string) {
    const submission = await this.readable(caller, id);
    if (submission.access !== 'values') throw new ForbiddenException(ROWS_WITHHELD);
    const type = returnTypeById(submission.returnType)!;
    return { submission, csv: valuesCsv(type, await this.returns.rows(id, type.id)) };
  }

  /** Current versions in scope; a Marac coordinator's list holds only their own Marac's returns. */
  async list(caller: Caller, query: Record<string, string | undefined>) {
    const uuidOrNull = (v: string | undefined) => (v && isUuid(v) ? v : null);
    const found = await this.returns.list(caller.scope, {
      returnType: query.type ?? null,
      period: query.period ?? null,
      agencyId: uuidOrNull(query.agencyId),
      maracId: caller.role === 'marac_coordinator' ? caller.maracId : uuidOrNull(query.maracId),
    });
    return found
      .map((s) => ({ ...s, access: returnAccess(caller, returnTypeById(s.returnType)!, s) }))
      .filter((s) => s.access !== 'none');
  }
}
