/**
 * sim/core: virtual clock, seeded rng, discrete-event loop, ids and the tracer.
 * Imports nothing but src/protocol types. Pure and deterministic.
 */
export * from './clock';
export * from './rng';
export * from './ids';
export * from './loop';
export * from './trace';
