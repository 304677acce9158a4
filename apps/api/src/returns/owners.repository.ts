import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The agencies and Maracs that returns belong to, as the returns module needs them. */
@Injectable()
export class OwnersRepository {
  constructor(private readonly db: DataSource) {}

  /** true or false for an agency or Marac that exists, null when there is none with that id. */
  async isActive(kind: 'agency' | 'marac', id: string): Promise<boolean | null> {
    const rows = await this.db.query(`SELECT active FROM ${kind === 'agency' ? 'agency' : 'marac'} WHERE id = $1`, [id]);
    return rows[0]?.active ?? null;
  }
}
