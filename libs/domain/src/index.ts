export * from './code-list.js';
export * from './sectors.js';
export * from './joint-working.js';
export * from './roles.js';
export * from './areas.js';
export * from './periods.js';
export * from './returns/index.js';
export * from './standards/index.js';
