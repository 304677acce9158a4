import { Injectable } from '@nestjs/common';
import type { JointWorkingModel, SectorCode, Agency } from '@waymark/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';

/** An agency as the API answers it (the shared answer type). */
export type AgencyView = Agency;

export interface AgencyFields {
  name: string;
  sector: SectorCode;
  areaCode: string;
  jointWorkingModel: JointWorkingModel | null;
  active: boolean;
}

async function insertAgency(tx: EntityManager, fields: AgencyFields): Promise<string> {
  const [row] = await tx.query<{ id: string }[]>(
    'INSERT INTO agency (name, sector, area_code, joint_working_model, active) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [fields.name, fields.sector, fields.areaCode, fields.jointWorkingModel, fields.active],
  );
  return row.id;
}

const SELECT_AGENCY = `
  SELECT g.id, g.name, g.sector, g.area_code AS "areaCode", a.name AS "areaName",
         g.joint_working_model AS "jointWorkingModel", g.active
  FROM agency g JOIN area a ON a.code = g.area_code`;

@Injectable()
export class AgenciesRepository {
  constructor(private readonly db: DataSource) {}

  list(scope: AreaScope, filter: { areaCode: string | null; sector: SectorCode | null }): Promise<AgencyView[]> {
    return this.db.query(
      `${SELECT_AGENCY}
       WHERE ($1::text[] IS NULL OR g.area_code = ANY($1)) AND ($2::uuid IS NULL OR g.id = $2)
         AND ($3::text IS NULL OR g.area_code = $3) AND ($4::text IS NULL OR g.sector = $4)
       ORDER BY a.name, g.name`,
      [scope.areaCodes, scope.onlyAgencyId, filter.areaCode, filter.sector],
    );
  }

  async find(id: string): Promise<AgencyView | null> {
    const rows = await this.db.query<AgencyView[]>(`${SELECT_AGENCY} WHERE g.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async nameTaken(areaCode: string, name: string, exceptId: string | null): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      'SELECT 1 FROM agency WHERE area_code = $1 AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3)',
      [areaCode, name, exceptId],
    );
    return rows.length > 0;
  }

  /** Adds an agency and, in the same transaction, what must exist with it (its return schedule). */
  insert(
    fields: AgencyFields,
    alongside: (tx: EntityManager, id: string) => Promise<void> = async () => {},
  ): Promise<string> {
    return this.db.transaction(async (tx) => {
      const id = await insertAgency(tx, fields);
      await alongside(tx, id);
      return id;
    });
  }

  /** Adds every agency or none (an import), each with what must exist with it. */
  insertAll<T extends AgencyFields>(
    all: T[],
    alongside: (tx: EntityManager, id: string, agency: T) => Promise<void>,
  ): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const agency of all) {
        const id = await insertAgency(tx, agency);
        await alongside(tx, id, agency);
        ids.push(id);
      }
      return ids;
    });
  }

  /** Every agency's area and name, to check an import against. */
  names(): Promise<{ areaCode: string; name: string }[]> {
    return this.db.query('SELECT area_code AS "areaCode", name FROM agency');
  }

  async update(id: string, fields: AgencyFields): Promise<void> {
    await this.db.query(
      'UPDATE agency SET name = $2, sector = $3, area_code = $4, joint_working_model = $5, active = $6 WHERE id = $1',
      [id, fields.name, fields.sector, fields.areaCode, fields.jointWorkingModel, fields.active],
    );
  }
}
