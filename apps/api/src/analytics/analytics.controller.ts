import { Controller, Get, Headers, NotFoundException, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { rowsToParquet } from '@waymark/analytics';
import type { Response } from 'express';
import { CurrentCaller } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { AnalyticsService } from './analytics.service.js';
import { rowsToArrow, rowsToCsv, rowsToXlsx, type Row } from './tabular.js';

export const ARROW = 'application/vnd.apache.arrow.stream';

type Query = Record<string, string | undefined>;

/**
 * Dashboard data. JSON by default; send `Accept: application/vnd.apache.arrow.stream` for the
 * endpoint's main table as Arrow IPC (the same numbers, columnar).
 */
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  private answer<T extends object>(
    body: T,
    table: Row[],
    accept: string | undefined,
    response: Response,
  ): T | StreamableFile {
    const disclosure = (body as { disclosure?: { applied: boolean; suppressedCells: number } }).disclosure;
    if (disclosure)
      response.setHeader(
        'X-Disclosure-Control',
        disclosure.applied ? `applied; ${disclosure.suppressedCells} hidden` : 'exact',
      );
    if (!accept?.includes(ARROW)) return body;
    response.setHeader('Content-Type', ARROW);
    return new StreamableFile(rowsToArrow(table));
  }

  @Get('indicators')
  async indicators(
    @CurrentCaller() caller: Caller,
    @Query() q: Query,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await this.analytics.indicators(caller, q);
    const table = body.indicators.map(({ benchmark, reference, extra, returns, ...r }) => ({
      ...r,
      benchmark: benchmark?.value ?? null,
      benchmarkPeriod: benchmark?.period?.label ?? null,
      reference: reference?.value ?? null,
      referencePeriod: reference?.period?.label ?? null,
      returnsReceived: returns?.received ?? null,
      returnsDue: returns?.due ?? null,
      ...(extra ?? {}),
    }));
    return this.answer(body, table, accept, response);
  }

  @Get('trends')
  async trends(
    @CurrentCaller() caller: Caller,
    @Query() q: Query,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await this.analytics.trends(caller, q);
    const table = body.series.flatMap((s) =>
      s.points.map(({ returns, ...p }) => ({
        indicator: s.id,
        ...p,
        returnsReceived: returns?.received ?? null,
        returnsDue: returns?.due ?? null,
      })),
    );
    return this.answer(body, table, accept, response);
  }

  @Get('comparison')
  async comparison(
    @CurrentCaller() caller: Caller,
    @Query() q: Query,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await this.analytics.comparison(caller, q);
    return this.answer(body, body.areas, accept, response);
  }

  @Get('pathways')
  async pathways(
    @CurrentCaller() caller: Caller,
    @Query() q: Query,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await this.analytics.pathways(caller, q);
    return this.answer(body, body.links, accept, response);
  }

  @Get('gaps')
  async gaps(
    @CurrentCaller() caller: Caller,
    @Query() q: Query,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await this.analytics.gaps(caller, q);
    return this.answer(body, body.heatmap, accept, response);
  }

  @Get('peers')
  async peers(
    @CurrentCaller() caller: Caller,
    @Query() q: Query,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await this.analytics.peers(caller, q);
    return this.answer(
      body,
      body.indicators.map((r) => ({
        indicator: r.id,
        own: r.own.value,
        ownLower: r.own.lower,
        ownUpper: r.own.upper,
        peers: r.peers.value,
        comparison: r.comparison,
      })),
      accept,
      response,
    );
  }

  @Get('explorer')
  async explorer(
    @CurrentCaller() caller: Caller,
    @Query() q: Query,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await this.analytics.explorer(caller, q);
    return this.answer(body, body.rows, accept, response);
  }

  /** The explorer's table as a file: CSV (formula-safe), XLSX or Parquet. */
  @Get('explorer.:format')
  async export(
    @CurrentCaller() caller: Caller,
    @Param('format') format: string,
    @Query() q: Query,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await this.analytics.explorer(caller, q);
    const name = `waymark-${body.source}-by-${body.groupBy}-${body.from}-to-${body.to}`.replace(/\s+/g, '_');
    const send = (type: string, bytes: Uint8Array | string) => {
      response.setHeader('Content-Type', type);
      response.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
      return new StreamableFile(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    };
    if (format === 'csv') return send('text/csv; charset=utf-8', '\uFEFF' + rowsToCsv(body.rows, body.columns));
    if (format === 'xlsx')
      return send(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        await rowsToXlsx(body.rows, body.columns, 'Figures', body.disclosure.note),
      );
    if (format === 'parquet') return send('application/vnd.apache.parquet', await rowsToParquet(body.rows));
    throw new NotFoundException('Export as csv, xlsx or parquet'); // thrown, so it is answered in the problem shape
  }
}
