import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFramework } from '@waymark/domain';
import type { DataSource } from 'typeorm';
import { storeFramework } from '../apps/api/src/standards/framework-store.js';

/** Loads every framework in seeds/standards that the database does not have yet; returns how many are held. */
export async function seedStandards(dataSource: DataSource, dir: string): Promise<number> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const { framework: doc, problems } = readFramework(JSON.parse(await readFile(join(dir, file), 'utf8')));
    if (!doc) throw new Error(`${file}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    await dataSource.transaction(async (tx) => {
      const exists = await tx.query<unknown[]>('SELECT 1 FROM standards_framework WHERE key = $1 AND version = $2', [
        doc.key,
        doc.version,
      ]);
      if (exists.length === 0) await storeFramework(tx, doc, null);
    });
  }
  return files.length;
}
