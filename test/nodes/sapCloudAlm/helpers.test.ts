import { pathInsideBase, toApiPath, UnsafePathError } from '../../../nodes/SapCloudAlm/helpers/paths';
import { missingScopeMessage, requiredScope, scopeFromMessage } from '../../../nodes/SapCloudAlm/helpers/scopes';

const API = 'https://tenant.eu10.alm.cloud.sap/api';

describe('Cloud ALM paths: the token only goes under endpoints.Api', () => {
	it('accepts paths relative to endpoints.Api with or without the leading slash', () => {
		expect(toApiPath('calm-tasks/v1/tasks', API)).toBe('/calm-tasks/v1/tasks');
		expect(toApiPath('  /calm-tasks/v1/tasks?projectId=1 ', API)).toBe('/calm-tasks/v1/tasks?projectId=1');
	});

	it('accepts an absolute URL only when it lies under endpoints.Api and strips it', () => {
		expect(toApiPath(`${API}/calm-features/v1/Features?$top=1`, API)).toBe('/calm-features/v1/Features?$top=1');
	});

	it.each([
		['another host', 'https://evil.example.com/api/calm-tasks/v1/tasks'],
		['same host, outside /api', 'https://tenant.eu10.alm.cloud.sap/other'],
		['protocol-relative', '//evil.example.com/x'],
		['another scheme', 'file:///etc/passwd'],
		['same host over http', 'http://tenant.eu10.alm.cloud.sap/api/x'],
	])('refuses %s', (_label, url) => {
		expect(() => toApiPath(url, API)).toThrow(UnsafePathError);
	});

	it('refuses dot segments and backslashes that could climb out of /api', () => {
		expect(() => toApiPath('/calm-tasks/../../admin', API)).toThrow(/"\." or "\.\."/);
		expect(() => toApiPath('/calm-tasks/%2e%2e/admin', API)).toThrow(UnsafePathError);
		expect(() => toApiPath('\\\\evil\\x', API)).toThrow(/backslash/);
		expect(() => toApiPath('   ', API)).toThrow(/empty/);
	});

	it('resolves OData nextLinks relative to the request and keeps them on the host', () => {
		const current = `${API}/calm-features/v1/Features`;
		expect(pathInsideBase('Features?$skip=5', API, current)).toBe('/calm-features/v1/Features?$skip=5');
		expect(pathInsideBase('/api/calm-features/v1/Features?$skip=5', API, current)).toBe(
			'/calm-features/v1/Features?$skip=5',
		);
		expect(pathInsideBase('https://evil.example.com/api/Features?$skip=5', API, current)).toBeUndefined();
		expect(pathInsideBase('../../../admin', API, current)).toBeUndefined();
	});
});

describe('Cloud ALM scopes: a 403 names what to add to xs-security.authorities', () => {
	it.each([
		['GET', '/calm-tasks/v1/tasks', 'calm-api.tasks.read'],
		['POST', '/calm-tasks/v1/tasks', 'calm-api.tasks.write'],
		['DELETE', '/calm-tasks/v1/tasks/1', 'calm-api.tasks.write'],
		['PATCH', '/calm-features/v1/Features/1', 'calm-api.features.write'],
		['POST', '/calm-projects/v1/projects/1/timeboxes', 'calm-api.projects.write'],
		['DELETE', '/calm-processmanagement/v1/scopes/1', 'calm-api.processmanagement.delete'],
		['POST', '/calm-analytics/v1/analytics/providers/data', 'calm-api.analytics.read'],
		// SAP Community ba-p/13559270: the outbound metrics GET needs metrics.read, not analytics.read
		['GET', '/calm-metrics/v1/metrics?provider=hm', 'calm-api.metrics.read'],
		['POST', '/calm-metrics/v1/metrics', 'calm-api.hm.write'],
		['DELETE', '/calm-documents/v1/Documents/1', 'calm-api.documents.delete'],
	])('%s %s needs %s', (method, path, scope) => {
		expect(requiredScope(path, method)).toBe(scope);
	});

	it('prefers the scope the server names', () => {
		expect(scopeFromMessage('requires one of calm-api.tasks.write')).toBe('calm-api.tasks.write');
		const message = missingScopeMessage('/calm-tasks/v1/tasks', 'POST', 'Forbidden');
		expect(message).toContain('$XSMASTERAPPNAME.calm-api.tasks.write');
		expect(message).toContain('xs-security.authorities');
		expect(message).toContain('Service Instance → Create or Update');
	});

	it('analytics: names analytics.read and the provider\'s own scope when SAP does not say which', () => {
		const message = missingScopeMessage('/calm-analytics/v1/odata/v4/analytics/Defects', 'GET', 'Forbidden');
		expect(message).toContain('lacks $XSMASTERAPPNAME.calm-api.analytics.read and $XSMASTERAPPNAME.calm-api.defects.read.');
		expect(message).toContain('Add "$XSMASTERAPPNAME.calm-api.analytics.read" and "$XSMASTERAPPNAME.calm-api.defects.read"');
		expect(missingScopeMessage('/calm-analytics/v1/odata/v4/analytics/Tasks', 'GET', 'Missing scope calm-api.tasks.read')).toContain('lacks $XSMASTERAPPNAME.calm-api.tasks.read.');
	});

	it('says what it can for an unknown service', () => {
		expect(requiredScope('/unknown/v1/x', 'GET')).toBeUndefined();
		expect(missingScopeMessage('/unknown/v1/x', 'GET')).toContain('calm-api scope');
	});
});
