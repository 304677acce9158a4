// The JSON answer of every API route, by capability: the API declares them and the dashboard reads them.
export * from './common.js';
export * from './analytics.js';
export * from './areas.js';
export * from './agencies.js';
export * from './maracs.js';
export * from './people.js';
export * from './setup.js';
export * from './reference.js';
export * from './returns.js';
export * from './audits.js';
export * from './standards.js';
export * from './schedules.js';
export * from './audit-trail.js';
export * from './reports.js';
export * from './health.js';
