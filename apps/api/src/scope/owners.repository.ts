import { Injectable } from '@nestjs/common';
import type { SectorCode } from '@waymark/domain';
import { DataSource } from 'typeorm';

export interface OwnerInfo {
  active: boolean;
  areaCode: string;
  /** The agency's sector; null for a Marac. */
  sector: SectorCode | null;
}

/** The agencies and Maracs that returns and audits belong to. */
@Injectable()
export class OwnersRepository {
  constructor(private readonly db: DataSource) {}

  async info(kind: 'agency' | 'marac', id: string): Promise<OwnerInfo | null> {
    const rows = await this.db.query<OwnerInfo[]>(
      kind === 'agency'
        ? 'SELECT active, area_code AS "areaCode", sector FROM agency WHERE id = $1'
        : 'SELECT active, area_code AS "areaCode", NULL AS sector FROM marac WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }
}
