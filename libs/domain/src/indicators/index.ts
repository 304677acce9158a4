export * from './catalogue.js';
export * from './service-gaps.js';
