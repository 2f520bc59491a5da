/**
 * sim/client: the only door from controllers, the scheduler and node agents to the API
 * server: a typed client, informers with indexes, a work queue and the event recorder.
 * Imports sim/core, sim/api and the apiserver's request types (never sim/store).
 */
export * from './client';
export * from './informer';
export * from './workqueue';
export * from './events';
export * from './env';
export * from './apply';
