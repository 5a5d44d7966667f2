/**
 * The instance parameters of SAP's procedure "Enabling SAP Cloud ALM API" (SAP-docs/cloud-alm-
 * setup-admin-guide docs/02_integration_and_config_options/enabling-sap-cloud-alm-api-704b5dc.md):
 *
 *   { "xs-security": { "xsappname": "<instance name>",
 *                      "authorities": ["$XSMASTERAPPNAME.calm-api.projects.read", …],
 *                      "oauth2-configuration": { "credential-types": ["binding-secret"] } } }
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

export const CLOUD_ALM_OFFERING = 'SAPCloudALMAPIs';
export const CLOUD_ALM_PLAN = 'standard';

/**
 * Cloud ALM API scopes: SAP's samples (SAP-samples/cloud-alm-api-examples) plus SAP's "API Scopes"
 * table, as the third-party consetto/calmcp src/calm/scopes.ts lists it.
 */
export const CLOUD_ALM_SCOPES: Array<{ scope: string; label: string }> = [
	{ scope: 'calm-api.projects.read', label: 'Projects: Read' },
	{ scope: 'calm-api.projects.write', label: 'Projects: Write' },
	{ scope: 'calm-api.projects.private.read', label: 'Projects: Read Private' },
	{ scope: 'calm-api.projects.protected.read', label: 'Projects: Read Protected' },
	{ scope: 'calm-api.tasks.read', label: 'Tasks: Read' },
	{ scope: 'calm-api.tasks.write', label: 'Tasks: Write' },
	{ scope: 'calm-api.features.read', label: 'Features: Read' },
	{ scope: 'calm-api.features.write', label: 'Features: Write' },
	{ scope: 'calm-api.documents.read', label: 'Documents: Read' },
	{ scope: 'calm-api.documents.write', label: 'Documents: Write' },
	{ scope: 'calm-api.documents.delete', label: 'Documents: Delete' },
	{ scope: 'calm-api.processmanagement.read', label: 'Process Management: Read' },
	{ scope: 'calm-api.processmanagement.write', label: 'Process Management: Write' },
	{ scope: 'calm-api.processmanagement.delete', label: 'Process Management: Delete' },
	{ scope: 'calm-api.processauthoring.read', label: 'Process Authoring: Read' },
	// SAP-samples/cloud-alm-api-examples applications/CustomProcessUpload/README.md
	{ scope: 'calm-api.processauthoring.write', label: 'Process Authoring: Write' },
	{ scope: 'calm-api.processhierarchy.read', label: 'Process Hierarchy: Read' },
	// no SAP source names the write scope (SAP's sample uses an all-scopes client): inferred, docs/sap-behaviour.md
	{ scope: 'calm-api.processhierarchy.write', label: 'Process Hierarchy: Write (Unverified Name)' },
	{ scope: 'calm-api.testcases.read', label: 'Test Cases: Read' },
	// SAP's API Scopes table: create and update of test cases (SAP-samples calm-tm-manual-test-cases-api-v1.ipynb)
	{ scope: 'calm-api.testcases.write', label: 'Test Cases: Write' },
	{ scope: 'calm-api.testcases.delete', label: 'Test Cases: Delete' },
	{ scope: 'calm-api.testcases.force-delete', label: 'Test Cases: Force Delete' },
	{ scope: 'calm-api.testplans.read', label: 'Test Plans: Read' },
	{ scope: 'calm-api.analytics.read', label: 'Analytics: Read' },
	// analytics also needs the provider's own read scope: Tasks → tasks.read, Defects → defects.read (Redpeaks wiki, sap_cloud_alm monitors)
	{ scope: 'calm-api.defects.read', label: 'Analytics Defects: Read' },
	// SAP's "API Scopes" table lists it for Analytics without saying which call needs it
	{ scope: 'calm-api.analytics.providers.read', label: 'Analytics Providers: Read' },
	{ scope: 'calm-api.landscape.read', label: 'Landscape: Read' },
	// SAP's LeanIX landscape discovery grants it with landscape.read (SAP-docs/cloud-alm-setup-admin-guide "Integrate SAP LeanIX")
	{ scope: 'calm-api.subscriptions.read', label: 'Subscriptions: Read' },
	{ scope: 'calm-api.bsm.read', label: 'Business Service Management: Read' },
	// "RAW Inbound Data" in SAP's API Scopes table: SAP Cloud ALM → Monitoring → Send Metrics / Send Logs
	{ scope: 'calm-api.exm.write', label: 'Exception Monitoring: Write (Send Logs)' },
	{ scope: 'calm-api.hm.write', label: 'Health Monitoring: Write (Send Metrics)' },
	// SAP Community ba-p/13559270 (Raw Data Metrics API, outbound): SAP Cloud ALM → Monitoring → Get Metrics
	{ scope: 'calm-api.metrics.read', label: 'Metrics: Read (Get Metrics)' },
	// consetto/calmcp names lib.read (its .write / .delete are inferred by analogy: calmcp is read-only)
	{ scope: 'calm-api.lib.read', label: 'Cross-Library Objects: Read' },
	{ scope: 'calm-api.lib.write', label: 'Cross-Library Objects: Write' },
	{ scope: 'calm-api.lib.delete', label: 'Cross-Library Objects: Delete' },
	// SAP's Interface and Application Library API pages name these (help.sap.com b00ccd92b02a4ecbb11303606d9d2055,
	// 9be8d8166e9e423e82c60bfabc89468e); calmcp names lib.read: both until a tenant settles it.
	// Library Element → Get / Get Many need .read, Create / Update .write, Delete .delete
	{ scope: 'calm-api.library.read', label: 'Library: Read' },
	{ scope: 'calm-api.library.write', label: 'Library: Write (Create, Update Library Elements)' },
	{ scope: 'calm-api.library.delete', label: 'Library: Delete (Delete Library Elements)' },
	{ scope: 'imp-cdm-feature-display-ui', label: 'Transport Management: Display Features' },
	{ scope: 'imp-cdm-feature-manage-ui', label: 'Transport Management: Manage Features' },
];

export const DEFAULT_SCOPES = ['calm-api.projects.read', 'calm-api.projects.write', 'calm-api.tasks.read', 'calm-api.tasks.write'];

export const SCOPE_OPTIONS: INodePropertyOptions[] = CLOUD_ALM_SCOPES.map((s) => ({
	name: s.label,
	value: s.scope,
	description: `$XSMASTERAPPNAME.${s.scope}`,
}));

export const CREDENTIAL_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Client Secret (Binding-Secret)', value: 'binding-secret' },
	{ name: 'X.509 Certificate', value: 'x509' },
];

/** The xs-security parameters of SAP's procedure for an instance named `instanceName`. */
export function xsSecurityParameters(instanceName: string, scopes: string[], credentialTypes: string[]): IDataObject {
	return {
		'xs-security': {
			xsappname: instanceName,
			authorities: scopes.map((s) => `$XSMASTERAPPNAME.${s}`),
			'oauth2-configuration': { 'credential-types': credentialTypes.length ? credentialTypes : ['binding-secret'] },
		},
	};
}

/** Order-insensitive deep equality for parameters (arrays of scalars compared as sets). */
export function sameParameters(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) && Array.isArray(b)) {
		if (a.length !== b.length) return false;
		if (a.every((x) => typeof x !== 'object') && b.every((x) => typeof x !== 'object')) {
			const sa = [...a].map(String).sort();
			const sb = [...b].map(String).sort();
			return sa.every((x, i) => x === sb[i]);
		}
		return a.every((x, i) => sameParameters(x, b[i]));
	}
	if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
		const ka = Object.keys(a).sort();
		const kb = Object.keys(b).sort();
		if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
		return ka.every((k) => sameParameters((a as IDataObject)[k], (b as IDataObject)[k]));
	}
	return a === b;
}
