export * from './sources.js';
export * from './items.js';
export * from './jobs.js';
