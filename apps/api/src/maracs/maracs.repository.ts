import type { Marac } from '@waymark/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';
import { areaTree } from '../scope/area-tree.js';

/** A Marac as the API answers it (the shared answer type). */
export type MaracView = Marac;

export interface MaracFields {
  name: string;
  areaCode: string;
  active: boolean;
}

const SELECT_MARAC = `
  SELECT m.id, m.name, m.area_code AS "areaCode", a.name AS "areaName", m.active
  FROM marac m JOIN area a ON a.code = m.area_code`;

@Injectable()
export class MaracsRepository {
  constructor(private readonly db: DataSource) {}

  /** Maracs the caller may see, in the area and the areas inside it (a force area holds its partnerships and districts). */
  list(scope: AreaScope, areaCode: string | null): Promise<MaracView[]> {
    return this.db.query(
      `WITH RECURSIVE ${areaTree('$2')}
       ${SELECT_MARAC}
       WHERE ($1::text[] IS NULL OR m.area_code = ANY($1)) AND ($2::text IS NULL OR m.area_code IN (SELECT code FROM tree))
       ORDER BY m.name`,
      [scope.areaCodes, areaCode],
    );
  }

  async find(id: string): Promise<MaracView | null> {
    const rows = await this.db.query<MaracView[]>(`${SELECT_MARAC} WHERE m.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Marac names are unique across Waymark (whatever their case), so a coordinator's Marac is never ambiguous. */
  async nameTaken(name: string, exceptId: string | null): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      'SELECT 1 FROM marac WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2)',
      [name, exceptId],
    );
    return rows.length > 0;
  }

  /** Adds a Marac and, in the same transaction, what must exist with it (its return schedule). */
  insert(fields: MaracFields, alongside: (tx: EntityManager, id: string) => Promise<void>): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }[]>(
        'INSERT INTO marac (name, area_code, active) VALUES ($1, $2, $3) RETURNING id',
        [fields.name, fields.areaCode, fields.active],
      );
      await alongside(tx, row.id);
      return row.id;
    });
  }

  async update(id: string, fields: MaracFields): Promise<void> {
    await this.db.query('UPDATE marac SET name = $2, area_code = $3, active = $4 WHERE id = $1', [
      id,
      fields.name,
      fields.areaCode,
      fields.active,
    ]);
  }
}
