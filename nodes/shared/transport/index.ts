/**
 * Shared transport of this package's nodes: HTTP calls (request.ts), creates that adopt what a
 * lost answer created (adopt.ts), the poller, error mapping, retry policy, the per-execution
 * rate-limit budget and session, and a bounded-concurrency pool.
 */
export * from './adopt';
export * from './errors';
export * from './poller';
export * from './pool';
export * from './rateLimit';
export * from './request';
export * from './retry';
export * from './secrets';
export * from './session';
export * from './types';
export * from './tokens';
