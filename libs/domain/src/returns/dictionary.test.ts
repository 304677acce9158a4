import { describe, expect, it } from 'vitest';
import { parseQuarter } from '../periods.js';
import { RETURN_TYPES, jsonSchemaFor, ruleFields, validateReturn, warehouseColumns } from './index.js';

describe.each(RETURN_TYPES)('the $title declaration', (type) => {
  it('has unique snake_case keys, a label, help and a section for every field', () => {
    const keys = type.fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of type.fields) {
      expect(f.key).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(f.label.length).toBeGreaterThan(2);
      expect(f.help.length).toBeGreaterThan(10);
      expect(f.group.length).toBeGreaterThan(2);
      if (f.kind === 'code' || f.kind === 'codes') expect(f.codes!.length).toBeGreaterThan(1);
    }
  });

  it('has rules with unique ids that only name its own fields', () => {
    const keys = new Set(type.fields.map((f) => f.key));
    expect(new Set(type.rules.map((r) => r.id)).size).toBe(type.rules.length);
    for (const rule of type.rules)
      for (const key of ruleFields(rule)) expect(keys, `${rule.id} names ${key}`).toContain(key);
  });

  it('derives one warehouse column and one JSON schema property per field, in order', () => {
    const keys = type.fields.map((f) => f.key);
    expect(warehouseColumns(type).map((c) => c.name)).toEqual(keys);
    const schema = jsonSchemaFor(type) as {
      properties: Record<string, { properties?: object; items?: { properties: object } }>;
    };
    const row = type.shape === 'single' ? schema.properties.values : schema.properties.rows.items;
    expect(Object.keys((row as { properties: object }).properties)).toEqual(keys);
  });
});

describe('validation', () => {
  it('reports a duplicated column once, at the header row', () => {
    const type = RETURN_TYPES[0];
    const columns = [...type.fields.map((f) => f.key), 'caseload'];
    const result = validateReturn(
      type,
      { headerRow: 1, columns, rows: [{ rowNumber: 2, cells: {} }] },
      parseQuarter('2025-26 Q1')!,
    );
    expect(result.problems).toContainEqual({
      row: 1,
      column: 'caseload',
      rule: 'duplicate_column',
      message: 'Column "caseload" appears more than once',
    });
  });

  it('gives the types warehouse columns a DuckDB type each', () => {
    const caseLevel = RETURN_TYPES.find((t) => t.id === 'case-level')!;
    const byName = Object.fromEntries(warehouseColumns(caseLevel).map((c) => [c.name, c.sqlType]));
    expect(byName).toMatchObject({ person_key: 'VARCHAR', asked: 'BOOLEAN', substances: 'VARCHAR[]', role: 'VARCHAR' });
    const marac = RETURN_TYPES.find((t) => t.id === 'marac-quarter')!;
    expect(Object.fromEntries(warehouseColumns(marac).map((c) => [c.name, c.sqlType]))).toMatchObject({
      referrals_police: 'DOUBLE',
      cases_discussed: 'INTEGER',
    });
  });
});
