/**
 * Which Cloud ALM scope a call needs (SAP's "API Scopes" table of the API Guide for SAP Cloud ALM,
 * as consetto/calmcp src/calm/scopes.ts lists it), so a 403 can tell the user exactly what to
 * add to the instance's `xs-security.authorities`. SAP's 403 body does not reliably name the
 * scope, so it is inferred from the service path and the method when the answer does not say.
 */

/** Service path segment → scope area, and whether the area has a `.write`/`.delete` scope. */
const AREAS: Record<string, { area: string; write: boolean; del?: boolean; writeScope?: string }> = {
	'calm-projects': { area: 'projects', write: true },
	'calm-tasks': { area: 'tasks', write: true },
	'calm-features': { area: 'features', write: true },
	'calm-processmanagement': { area: 'processmanagement', write: true, del: true },
	// SAP-samples/cloud-alm-api-examples applications/CustomProcessUpload/README.md names .read and .write; no source
	// names a .delete scope, so DELETE is taken to need .write (docs/sap-behaviour.md)
	'calm-processauthoring': { area: 'processauthoring', write: true },
	// the write scope is in no source found (docs/sap-behaviour.md): inferred from the other services' naming
	'calm-processhierarchy': { area: 'processhierarchy', write: true },
	'calm-testmanagement': { area: 'testcases', write: true, del: true },
	// beta Test Plans API: SAP's API Scopes table lists testplans.read only
	'calm-testmanagement-testplans': { area: 'testplans', write: false },
	'calm-analytics': { area: 'analytics', write: false },
	// raw-data: GET /calm-metrics/v1/metrics (outbound) needs calm-api.metrics.read (SAP Community
	// "SAP Cloud ALM Raw Data Metrics API", ba-p/13559270). Inbound: SAP's API Scopes table lists
	// hm.write and exm.write as "RAW Inbound Data"; metrics → Health Monitoring, logs → Exception
	// Monitoring (inferred, ASAPIO's Cloud ALM docs)
	'calm-metrics': { area: 'metrics', write: true, writeScope: 'calm-api.hm.write' },
	'calm-logs': { area: 'exm', write: true, writeScope: 'calm-api.exm.write' },
	'calm-documents': { area: 'documents', write: true, del: true },
	'calm-landscape': { area: 'landscape', write: false },
	// SAP's Interface and Application Library API pages: calm-api.library.read (GET), .write (POST, PATCH: Library Element
	// Create, Update), .delete (DELETE: Library Element Delete) "at library level" (calmcp says lib.read)
	'calm-crosslibraryapplications': { area: 'library', write: true, del: true },
	'calm-crosslibrarydevelopments': { area: 'library', write: true, del: true },
	'calm-crosslibraryconfigurations': { area: 'library', write: true, del: true },
	'calm-crosslibraryinterfaces': { area: 'library', write: true, del: true },
	'bsm-service': { area: 'bsm', write: false },
};

const SCOPE_IN_TEXT = /calm-api\.[a-z]+(?:\.[a-z-]+)+/i;

/** `calm-api.tasks.write` for `PATCH /calm-tasks/v1/tasks/1`; undefined for an unknown service. */
export function requiredScope(path: string, method: string): string | undefined {
	const segment = path.replace(/^\/+/, '').split(/[/?#]/)[0];
	const known = AREAS[segment];
	if (!known) return undefined;
	const verb = method.toUpperCase();
	if (verb === 'DELETE' && known.del) return `calm-api.${known.area}.delete`;
	if (verb === 'GET' || verb === 'HEAD' || !known.write) return `calm-api.${known.area}.read`;
	return known.writeScope ?? `calm-api.${known.area}.write`;
}

/**
 * Analytics needs `calm-api.analytics.read` AND the provider's own read scope (Redpeaks wiki,
 * sap_cloud_alm monitors: "analytics.read + the provider's own scope, e.g. defects.read"). The
 * providers whose own scope is known, by OData entity set and REST provider name.
 */
const ANALYTICS_PROVIDER_SCOPES: Record<string, string> = {
	Tasks: 'calm-api.tasks.read',
	DP_TASKS: 'calm-api.tasks.read',
	Defects: 'calm-api.defects.read',
	DP_DEFECTS: 'calm-api.defects.read',
};

/** `calm-api.defects.read` for `/calm-analytics/v1/odata/v4/analytics/Defects`; undefined when unknown. */
export function analyticsProviderScope(path: string): string | undefined {
	const m = /^\/*calm-analytics\/v1\/odata\/v4\/analytics\/([^/?#(]+)/.exec(path);
	return m ? ANALYTICS_PROVIDER_SCOPES[decodeURIComponent(m[1])] : undefined;
}

/** The scope named in a 403 answer, if the service named one. */
export function scopeFromMessage(message: string | undefined): string | undefined {
	const m = message ? SCOPE_IN_TEXT.exec(message) : null;
	return m ? m[0] : undefined;
}

/**
 * The text of a 403: which scope, where it goes, and how to get it into the token. The scope is
 * written the way `authorities` wants it, with the `$XSMASTERAPPNAME.` prefix.
 */
export function missingScopeMessage(path: string, method: string, serverMessage?: string): string {
	const named = scopeFromMessage(serverMessage);
	// SAP's answer did not say which: analytics needs its own scope and the provider's, so both are named
	const scopes = named ? [named] : [requiredScope(path, method), analyticsProviderScope(path)].filter((s): s is string => !!s);
	const authorities = scopes.length ? scopes.map((s) => `$XSMASTERAPPNAME.${s}`) : ['the calm-api scope of this API'];
	return (
		`SAP Cloud ALM refused ${method.toUpperCase()} ${path} (403 Forbidden): the token lacks ${authorities.join(' and ')}. ` +
		`Add ${authorities.map((a) => `"${a}"`).join(' and ')} to the service instance's xs-security.authorities ` +
		'(SAP BTP node: Service Instance → Create or Update), then run again.'
	);
}
