export * from './comparison.js';
export * from './distributions.js';
export * from './funnel.js';
export * from './intervals.js';
