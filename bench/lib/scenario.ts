/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The two workflows the benchmark runs, filled in for one scenario: N subaccounts (the seeded
 * `customer-001` … GUIDs) and the simulator's URLs. The JSON files are the artifacts a reader can
 * import into n8n; only their "Config" node changes per run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialImport } from '../../scripts/n8n/credentials';
import { customerGuid } from '../../simulator/seed';

export type Variant = 'node' | 'naive';

interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
	connections: unknown;
	[key: string]: unknown;
}

const FILES: Record<Variant, string> = { node: 'node-workflow.json', naive: 'naive-workflow.json' };
export const NAIVE_CREDENTIAL_ID = 'naiveCisOAuth2';

export const subaccountsFor = (n: number) => Array.from({ length: n }, (_, i) => customerGuid(i + 1));

/** The workflow of `variant` for `guids`, with an id per scenario (n8n ids ≤ 21 chars). */
export function scenarioWorkflow(variant: Variant, guids: string[], urls: { accounts: string; entitlements: string }): WorkflowFile {
	const wf = JSON.parse(readFileSync(join(__dirname, '..', FILES[variant]), 'utf8')) as WorkflowFile;
	const config = wf.nodes.find((n) => n.name === 'Config');
	if (!config) throw new Error(`${FILES[variant]} has no "Config" node`);
	const current = JSON.parse(String(config.parameters.jsonOutput)) as Record<string, unknown>;
	const next: Record<string, unknown> = { ...current, subaccounts: guids.map((guid) => ({ guid })) };
	if (variant === 'naive') Object.assign(next, { accountsUrl: urls.accounts, entitlementsUrl: urls.entitlements });
	config.parameters.jsonOutput = JSON.stringify(next, null, 2);
	return { ...wf, id: `bench${variant === 'node' ? 'Node' : 'Naive'}${guids.length}`, active: false };
}

/**
 * n8n's generic OAuth2 credential (`oAuth2Api`, grant type client credentials) with the CIS
 * central key, as a user would fill it in from the key's `uaa` block. "Send Auth Data: Body":
 * XSUAA secrets contain `+`, which a raw Basic header loses (SAP-docs/btp-cloud-platform "Token
 * Retrieval Fails With Status Code 401"; the simulator's default `uaaBasicDecoding: 'always'`), so
 * a user who follows SAP's advice sends them in the form body.
 */
export function naiveCredential(cisCentralKey: { uaa: { url: string; clientid: string; clientsecret: string } }): CredentialImport {
	return {
		id: NAIVE_CREDENTIAL_ID,
		name: 'SAP BTP CIS (OAuth2 client credentials)',
		type: 'oAuth2Api',
		data: {
			grantType: 'clientCredentials',
			accessTokenUrl: `${cisCentralKey.uaa.url}/oauth/token`,
			clientId: cisCentralKey.uaa.clientid,
			clientSecret: cisCentralKey.uaa.clientsecret,
			scope: '',
			authentication: 'body',
		},
	};
}
