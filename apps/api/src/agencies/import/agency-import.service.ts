import { ForbiddenException, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { quarterLabel, quarterOfDate, ukDate, type RawTable } from '@waymark/domain';
import { WarehouseSync } from '../../analytics/warehouse-sync.service.js';
import { AreasRepository } from '../../areas/areas.repository.js';
import { AuditEventsService, refusalOf } from '../../audit-events/audit-events.service.js';
import { isOneOf } from '../../common/template-workbook.js';
import { UnreadableUpload } from '../../common/unreadable-upload.js';
import { readCsv } from '../../returns/files/csv-reader.js';
import { formatOf } from '../../returns/files/read-upload.js';
import { readXlsx } from '../../returns/files/xlsx-reader.js';
import { SchedulesRepository } from '../../schedules/schedules.repository.js';
import { AreaScope, type Caller } from '../../scope/area-scope.js';
import { unprocessable } from '../../scope/submitting-owner.js';
import { AgenciesRepository } from '../agencies.repository.js';
import { agencyKey, checkImport } from './check-rows.js';
import { AGENCIES_SHEET, MAX_IMPORT_ROWS } from './columns.js';
import { importCsvTemplate, importTemplateSheets, importXlsxTemplate, type District } from './template.js';

/**
 * Adds many agencies from one CSV or XLSX file: every row is checked first, and either all are
 * added (each due to send the returns its row names, from the current quarter) or none are.
 */
@Injectable()
export class AgencyImportService {
  constructor(
    private readonly agencies: AgenciesRepository,
    private readonly areas: AreasRepository,
    private readonly schedules: SchedulesRepository,
    private readonly warehouse: WarehouseSync,
    private readonly auditEvents: AuditEventsService,
  ) {}

  async template(format: 'csv' | 'xlsx'): Promise<Buffer> {
    return format === 'csv'
      ? Buffer.from('\uFEFF' + importCsvTemplate(), 'utf8')
      : importXlsxTemplate(await this.districts());
  }

  /** Imports a file of agencies whole; a refusal goes on the audit trail as an upload refused. */
  async import(
    caller: Caller,
    file: { buffer: Buffer; originalname: string } | undefined,
  ): Promise<{ created: { id: string; name: string }[] }> {
    try {
      return await this.importWhole(caller, file);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() < 500) await this.recordRefusal(caller, error);
      throw error;
    }
  }

  private recordRefusal(caller: Caller, error: HttpException): Promise<void> {
    const { count, details } = refusalOf(error);
    return this.auditEvents.record({
      actor: caller,
      action: 'agencies_import_refused',
      target: null,
      summary: `Refused a file of agencies: ${count}`,
      details,
    });
  }

  private async importWhole(
    caller: Caller,
    file: { buffer: Buffer; originalname: string } | undefined,
  ): Promise<{ created: { id: string; name: string }[] }> {
    if (!file)
      throw unprocessable('No file was sent', [
        { row: null, column: 'file', rule: 'required', message: 'Choose the CSV or Excel file of agencies to upload' },
      ]);
    const districts = await this.districts();
    const { format, table } = await this.read(file, districts);
    const existing = new Set((await this.agencies.names()).map((a) => agencyKey(a.areaCode, a.name)));
    const { rows, problems } = checkImport(table, {
      districts: new Map(districts.map((d) => [d.code, d.name])),
      existing,
      includesArea: (code) => caller.scope.includesArea(code),
    });
    if (problems.length) {
      const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
      const message = `The agencies were not imported: the file has ${count}. Nothing was stored.`;
      // Adding agencies outside one's areas is not allowed at all (403), though every problem is still listed.
      if (problems.some((p) => p.rule === 'outside_your_areas'))
        throw new ForbiddenException({ statusCode: HttpStatus.FORBIDDEN, message, problems });
      throw unprocessable(message, problems);
    }

    const from = quarterLabel(quarterOfDate(ukDate()));
    const agencies = rows.map((r) => ({ ...r, active: true }));
    const ids = await this.agencies.insertAll(agencies, async (tx, id, agency) => {
      for (const returnType of agency.expectedReturnTypes)
        await this.schedules.insert(
          { owner: { kind: 'agency', id }, returnType, from, until: null, createdBy: caller.userId },
          tx,
        );
    });
    const areaCodes = [...new Set(rows.map((r) => r.areaCode))];
    await this.auditEvents.record({
      actor: caller,
      action: 'agencies_imported',
      target: null,
      areaCode: areaCodes.length === 1 ? areaCodes[0] : null,
      summary: `Imported ${ids.length} ${ids.length === 1 ? 'agency' : 'agencies'} from ${format === 'xlsx' ? 'an Excel' : 'a CSV'} file`,
      details: { count: ids.length, areaCodes, agencyIds: ids },
    });
    await this.warehouse.catchUp();
    return { created: ids.map((id, i) => ({ id, name: rows[i].name })) };
  }

  /** The file's rows, by the same readers (and the same refusals) as returns. */
  private async read(
    file: { buffer: Buffer; originalname: string },
    districts: District[],
  ): Promise<{ format: 'csv' | 'xlsx'; table: RawTable }> {
    if (file.buffer.length === 0) throw new UnreadableUpload('empty_file', 'The file is empty');
    const format = formatOf(file.buffer, file.originalname);
    if (format === 'csv') return { format, table: await readCsv(file.buffer) };
    if (format !== 'xlsx')
      throw new UnreadableUpload('file_format', 'Upload the agencies as a CSV or Excel (.xlsx) file', null, 415);
    const ownSheets = importTemplateSheets(districts);
    return {
      format,
      table: await readXlsx(file.buffer, MAX_IMPORT_ROWS, {
        sheet: AGENCIES_SHEET,
        isTemplateSheet: (sheet) => isOneOf(sheet, ownSheets),
      }),
    };
  }

  private async districts(): Promise<District[]> {
    return (await this.areas.list(AreaScope.everything(), 'lad')).map(({ code, name }) => ({ code, name }));
  }
}
