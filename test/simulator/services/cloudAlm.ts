/**
 * SAP Cloud ALM API (contract §5) on its own origin; `endpoints.Api` = origin + `/api`.
 */
import { Router, SimError, type ServiceModule } from '../http';

export function createCloudAlmService(): ServiceModule {
	const router = new Router();
	return {
		name: 'cloudAlm',
		router,
		errorBody: (err) => ({ error: { code: String(err.status), message: err.message } }),
		rateLimited: (_req, sim) =>
			new SimError(429, '429', 'Rate limit exceeded', { 'retry-after': String(sim.profile.retryAfterSeconds) }),
	};
}
