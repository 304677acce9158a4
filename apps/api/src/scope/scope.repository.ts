import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class ScopeRepository {
  constructor(private readonly db: DataSource) {}

  /** The user's granted areas (directly, or through their agency or Marac) and every area below them. */
  async visibleAreaCodes(userId: string): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query(
      `WITH RECURSIVE granted AS (
         SELECT area_code AS code FROM user_area WHERE user_id = $1
         UNION SELECT a.area_code FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = $1
         UNION SELECT m.area_code FROM app_user u JOIN marac m ON m.id = u.marac_id WHERE u.id = $1
       ), tree AS (
         SELECT code FROM granted
         UNION SELECT child.code FROM area child JOIN tree ON child.parent_code = tree.code
       )
       SELECT code FROM tree`,
      [userId],
    );
    return rows.map((r) => r.code);
  }
}
