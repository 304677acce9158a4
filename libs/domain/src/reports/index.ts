export * from './kinds.js';
export * from './report.js';
export * from './periods.js';
