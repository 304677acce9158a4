import { Injectable } from '@nestjs/common';
import type { AreaType, Area } from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';

/** An area as the API answers it (the shared answer type). */
export type AreaView = Area;

const AREA_COLUMNS = `code, name, type, parent_code AS "parentCode", females_16plus AS "females16plus", population_source AS "populationSource"`;

@Injectable()
export class AreasRepository {
  constructor(private readonly db: DataSource) {}

  list(scope: AreaScope, type: AreaType | null): Promise<AreaView[]> {
    return this.db.query(
      `SELECT ${AREA_COLUMNS} FROM area
       WHERE ($1::text[] IS NULL OR code = ANY($1)) AND ($2::text IS NULL OR type = $2)
       ORDER BY CASE type WHEN 'pfa' THEN 0 WHEN 'csp' THEN 1 ELSE 2 END, name`,
      [scope.areaCodes, type],
    );
  }

  async find(code: string): Promise<AreaView | null> {
    const rows = await this.db.query<AreaView[]>(`SELECT ${AREA_COLUMNS} FROM area WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  async existing(codes: string[]): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query('SELECT code FROM area WHERE code = ANY($1)', [codes]);
    return rows.map((r) => r.code);
  }
}
