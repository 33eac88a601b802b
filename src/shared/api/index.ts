export * from './contract.js';
export * from './define.js';
export * from './errors.js';
export * from './result.js';
export * from './settings-schema.js';
export * from './validation.js';
export * from './wire.js';
export * from './preload-api.js';
