import { jsonSchemaFor, RETURN_TYPES } from '@waymark/domain';

const problem = {
  type: 'object',
  required: ['row', 'column', 'rule', 'message'],
  properties: {
    row: {
      type: ['integer', 'null'],
      description: 'Row as the person sees it (spreadsheet or CSV line; JSON item from 1); null for the whole file',
    },
    column: { type: ['string', 'null'] },
    rule: { type: 'string', description: 'Stable id of the check that failed' },
    message: { type: 'string', description: 'Plain English, safe to show; never repeats a personal identifier' },
  },
};

const version = {
  type: 'object',
  required: ['id', 'version', 'receivedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    version: { type: 'integer', minimum: 1 },
    receivedAt: { type: 'string', format: 'date-time' },
  },
};

const accepted = {
  type: 'object',
  required: ['id', 'version', 'replaced'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    version: { type: 'integer', minimum: 1 },
    replaced: {
      oneOf: [{ $ref: '#/components/schemas/Version' }, { type: 'null' }],
      description: 'The version this one replaced (it is kept); null for the first',
    },
  },
};

/**
 * The OpenAPI document for the returns API. Each return type's body schema comes from the data
 * dictionary, so a new field appears here without another edit.
 */
export function openApiDocument(): Record<string, unknown> {
  const schemas: Record<string, unknown> = { Problem: problem, Version: version, Accepted: accepted };
  const paths: Record<string, unknown> = {};
  for (const type of RETURN_TYPES) {
    const name = type.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
    schemas[name] = jsonSchemaFor(type);
    paths[`/api/returns/${type.id}`] = {
      post: {
        summary: `Send a ${type.title.toLowerCase()}`,
        description: type.description,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/${name}` } },
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'period'],
                properties: {
                  file: { type: 'string', format: 'binary', description: 'CSV, XLSX, JSON, Parquet or Arrow IPC' },
                  period: { type: 'string', example: '2025-26 Q1' },
                  [`${type.submittedBy}Id`]: { type: 'string', format: 'uuid' },
                },
              },
            },
          },
        },
        responses: {
          201: {
            description: 'Stored as a new version',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Accepted' } } },
          },
          403: { description: 'You may not send this return for that agency or Marac' },
          413: { description: 'The file is larger than the limit' },
          415: { description: 'Not a format Waymark reads' },
          422: {
            description: 'Not accepted; nothing was stored',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    message: { type: 'string' },
                    identifiersFound: { type: 'boolean' },
                    problems: { type: 'array', items: { $ref: '#/components/schemas/Problem' } },
                  },
                },
              },
            },
          },
        },
      },
    };
    paths[`/api/returns/templates/${type.id}.{format}`] = {
      get: {
        summary: `Download the ${type.title.toLowerCase()} template`,
        parameters: [{ name: 'format', in: 'path', required: true, schema: { enum: ['csv', 'xlsx'] } }],
        responses: { 200: { description: 'The template' } },
      },
    };
  }
  paths['/api/returns/current'] = {
    get: {
      summary: 'The version a return sent now would replace, for the agency or Marac the caller sends for',
      parameters: [
        { name: 'type', in: 'query', required: true, schema: { enum: RETURN_TYPES.map((t) => t.id) } },
        { name: 'period', in: 'query', required: true, schema: { type: 'string', example: '2025-26 Q1' } },
        {
          name: 'agencyId',
          in: 'query',
          schema: { type: 'string', format: 'uuid' },
          description: 'Administrators only, for agency returns',
        },
        {
          name: 'maracId',
          in: 'query',
          schema: { type: 'string', format: 'uuid' },
          description: 'Administrators only, for Marac returns',
        },
      ],
      responses: {
        200: {
          description: 'The current version, or null when none has been sent',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['current'],
                properties: { current: { oneOf: [{ $ref: '#/components/schemas/Version' }, { type: 'null' }] } },
              },
            },
          },
        },
        403: { description: 'Your role does not send returns' },
        404: { description: 'No such return type, or not an agency or Marac you send for' },
        422: { description: 'The quarter or the owner is not one Waymark can check' },
      },
    },
  };
  paths['/api/returns/{id}/versions'] = {
    get: { summary: 'Every version of the same return, newest first', responses: { 200: { description: 'Versions' } } },
  };
  paths['/api/returns/{id}/original'] = {
    get: {
      summary:
        'What was sent, rebuilt from the checked values as CSV in the template layout (uploaded files are never kept)',
      responses: {
        200: { description: 'CSV; X-Original-SHA256 gives the hash of the file received' },
        403: { description: 'Only the sender reads a case-level return' },
      },
    },
  };
  paths['/api/returns/completeness'] = {
    get: {
      summary: 'Returned, late and missing quarterly returns by agency and Marac',
      responses: { 200: { description: 'Completeness report' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Waymark API',
      version: '0.1.0',
      description:
        'Dual-issue partnership returns and analytics. Every route except health, sign-in, templates and this document needs a session cookie.',
    },
    paths,
    components: { schemas },
  };
}
