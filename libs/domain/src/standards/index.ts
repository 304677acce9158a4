export * from './framework.js';
export * from './ratings.js';
