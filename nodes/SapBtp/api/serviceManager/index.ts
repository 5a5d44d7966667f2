/**
 * Service Manager (SAP BTP's service instances and bindings), one concern a file:
 * - client.ts: ServiceManagerClient, the ONLY place an SM path is built and an SM call is made
 * - query.ts: the ONLY place an SM query string (fieldQuery, labelQuery) is written
 * - types.ts: SmInstance, SmBinding, SmOffering, SmPlan, SmOperation with typed states
 * - lifecycle.ts: the one lifecycle of instances and bindings (wait if running → re-find →
 *   delete if the create failed → create or adopt)
 * - instances.ts, bindings.ts: what each kind adds to it; labels.ts: the node's labels
 * - operations.ts: async operations polled to their end; catalog.ts: plan ids by catalog names
 * - access.ts: the access of an item; rateLimits.ts: SM's rate limits as budget keys
 */
export * from './access';
export * from './bindings';
export * from './catalog';
export * from './client';
export * from './instances';
export * from './labels';
export * from './lifecycle';
export * from './operations';
export * from './query';
export * from './rateLimits';
export * from './types';
