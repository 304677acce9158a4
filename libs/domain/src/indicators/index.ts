export * from './catalogue.js';
export * from './service-gaps.js';
export * from './national-marac.js';
export * from './returns-coverage.js';
export * from './format.js';
export * from './formula.js';
