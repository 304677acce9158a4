import type { FieldDef } from './fields.js';
import { MAX_COUNT } from './fields.js';
import type { ReturnType } from './return-type.js';

/** JSON Schema (2020-12) of one field, for the OpenAPI document. */
function fieldSchema(f: FieldDef): Record<string, unknown> {
  const base = { title: f.label, description: f.help };
  switch (f.kind) {
    case 'count':
      return { ...base, type: 'integer', minimum: 0, maximum: MAX_COUNT };
    case 'share':
      return { ...base, type: 'number', minimum: 0, maximum: MAX_COUNT, multipleOf: 0.01 };
    case 'code':
      return { ...base, type: ['string', 'null'], enum: [...f.codes!.map((c) => c.code), null] };
    case 'codes':
      return {
        ...base,
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: f.codes!.map((c) => c.code) },
      };
    case 'yes_no':
      return { ...base, type: ['boolean', 'null'] };
    case 'month':
      return { ...base, type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' };
    case 'person_key':
      return { ...base, type: 'string', pattern: '^[0-9a-f]{64}$' };
  }
}

/** The JSON body a return type accepts at `POST /api/returns/{type}`. */
export function jsonSchemaFor(type: ReturnType): Record<string, unknown> {
  const row = {
    type: 'object',
    additionalProperties: false,
    required: type.fields.filter((f) => f.required).map((f) => f.key),
    properties: Object.fromEntries(type.fields.map((f) => [f.key, fieldSchema(f)])),
  };
  const owner = type.submittedBy === 'agency' ? 'agencyId' : 'maracId';
  return {
    title: type.title,
    description: type.description,
    type: 'object',
    required: type.shape === 'single' ? ['period', 'values'] : ['period', 'rows'],
    properties: {
      period: {
        type: 'string',
        pattern: '^\\d{4}-\\d{2} Q[1-4]$',
        description: 'Financial-year quarter, like 2025-26 Q1',
      },
      [owner]: {
        type: 'string',
        format: 'uuid',
        description: `Only needed when an administrator submits on behalf of a ${type.submittedBy}`,
      },
      ...(type.shape === 'single' ? { values: row } : { rows: { type: 'array', minItems: 1, items: row } }),
    },
  };
}

const SQL_TYPES: Record<FieldDef['kind'], string> = {
  count: 'INTEGER',
  share: 'DOUBLE',
  code: 'VARCHAR',
  codes: 'VARCHAR[]',
  yes_no: 'BOOLEAN',
  month: 'VARCHAR',
  person_key: 'VARCHAR',
};

/** The DuckDB type that holds a field of this kind. */
export function warehouseType(kind: FieldDef['kind']): string {
  return SQL_TYPES[kind];
}

/** Column name and DuckDB type for each field, for the warehouse tables. */
export function warehouseColumns(type: ReturnType): { name: string; sqlType: string }[] {
  return type.fields.map((f) => ({ name: f.key, sqlType: SQL_TYPES[f.kind] }));
}
