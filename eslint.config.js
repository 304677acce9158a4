// The linter lives in tools/lint with its own TypeScript (see its package.json).
export { default } from './tools/lint/eslint.config.js';
