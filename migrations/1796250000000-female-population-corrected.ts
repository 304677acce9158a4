import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { repoRoot } from '../apps/api/src/paths.js';
import { loadAreas } from '../seeds/reference-data.js';

/**
 * The first population file took the source's sex code 2 for women (ONS codes sex as Census 2021
 * does, 1 = female), so every "adult female" population Waymark stored was the male one. The
 * corrected files ship in seeds/reference; this writes their figures over the stored ones, so a
 * database is right even before start-up reloads the reference data (and the warehouse follows at
 * start, when it reloads areas). Areas the files do not hold are left as they are.
 */
export class FemalePopulationCorrected1796250000000 implements MigrationInterface {
  name = 'FemalePopulationCorrected1796250000000';

  async up(db: QueryRunner): Promise<void> {
    const areas = await loadAreas(join(repoRoot(), 'seeds', 'reference'));
    await db.query(
      `UPDATE area SET females_16plus = corrected.females, population_source = corrected.source
       FROM unnest($1::varchar[], $2::int[], $3::text[]) AS corrected (code, females, source)
       WHERE area.code = corrected.code`,
      [areas.map((a) => a.code), areas.map((a) => a.females16plus), areas.map((a) => a.populationSource)],
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
