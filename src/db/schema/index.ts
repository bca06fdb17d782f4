export * from './sources.js';
export * from './items.js';
export * from './jobs.js';
export * from './accounts.js';
export * from './curation.js';
export * from './inbound.js';
export * from './reading.js';
