export * from './framework.js';
export * from './ratings.js';
export * from './audit-item.js';
