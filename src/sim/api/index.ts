/**
 * sim/api: the API machinery shared by the API server and the controllers: object types,
 * the resource registry, Status errors, field errors, defaulting, selectors, quantities,
 * name rules and object helpers. Pure: imports only sim/core, src/protocol and type-only
 * kubernetes-types.
 */
export * from './types';
export * from './kinds';
export * from './gofmt';
export * from './fieldErrors';
export * from './names';
export * from './errors';
export * from './resources';
export * from './registry';
export * from './objects';
export * from './quantity';
export * from './defaults';
export * from './selectors';
export * from './selectorParser';
export * from './fieldSelectors';
export * from './mergeKeys';
export * from './validation';
export * from './schema';
