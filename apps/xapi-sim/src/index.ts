/** Public API of the XAPI simulator. */
export { startSimulatedPool, DEFAULT_USERS, type SimulatedPool, type SimulatedPoolOptions, type SimulatedHost } from './start-simulated-pool.js';
export type { PoolSeed, SeedObject } from './scenario/types.js';
