/**
 * Shared by the credential tests: probe workflows for each credential type, credential data in
 * both input modes, and counters read from the simulator's request log.
 */
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import type { RunningSimulator, SeedKeys } from '../../simulator';
import type { WorkflowJson } from '../runner';

export type CredentialType = 'sapCloudAlmApi' | 'sapBtpCloudManagementApi' | 'sapBtpServiceManagerApi' | 'sapBtpDestinationServiceApi';

export const CREDENTIAL_TYPES: CredentialType[] = ['sapCloudAlmApi', 'sapBtpCloudManagementApi', 'sapBtpServiceManagerApi', 'sapBtpDestinationServiceApi'];

/** Keys whose XSUAA fields sit at the top level (no `uaa` block): Service Manager and Destination keys. */
export const FLAT_KEY: Record<CredentialType, boolean> = {
	sapCloudAlmApi: false,
	sapBtpCloudManagementApi: false,
	sapBtpServiceManagerApi: true,
	sapBtpDestinationServiceApi: true,
};

/** The seed key each credential type is filled from (as `npm run workflow` does). */
export const SEED_KEY: Record<CredentialType, keyof SeedKeys> = {
	sapCloudAlmApi: 'cloudAlm',
	sapBtpCloudManagementApi: 'cisCentral',
	sapBtpServiceManagerApi: 'serviceManager',
	sapBtpDestinationServiceApi: 'destination',
};

/** A cheap GET each credential's key allows. */
export const PROBE_PATH: Record<CredentialType, string> = {
	sapCloudAlmApi: '/calm-projects/v1/projects',
	sapBtpCloudManagementApi: '/accounts/v1/subaccounts',
	sapBtpServiceManagerApi: '/v1/service_offerings',
	sapBtpDestinationServiceApi: '/destination-configuration/v1/subaccountDestinations',
};

export interface ProbeOptions {
	path?: string;
	items?: number;
	requestsPerItem?: number;
	continueOnFail?: boolean;
	credentialId?: string;
}

/** Manual trigger → item source (N items) → probe node calling the API with the credential. */
export function probeWorkflow(type: CredentialType, o: ProbeOptions = {}): WorkflowJson {
	const nodes: INode[] = [
		{ id: 'n1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'n2', name: 'Items', type: 'n8n-nodes-sap-cloud-alm.itemSource', typeVersion: 1, position: [200, 0], parameters: { count: o.items ?? 1 } },
		{
			id: 'n3',
			name: 'Probe',
			type: 'n8n-nodes-sap-cloud-alm.btpProbe',
			typeVersion: 1,
			position: [400, 0],
			parameters: { authentication: type, path: o.path ?? PROBE_PATH[type], requestsPerItem: o.requestsPerItem ?? 1 },
			credentials: { [type]: { id: o.credentialId ?? `${type}-1`, name: `${type} account` } },
			...(o.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	return {
		name: `probe ${type}`,
		nodes,
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] },
		},
	};
}

/** "Paste Service Key JSON" mode with the key as pasted text. */
export const pasted = (key: unknown, text = JSON.stringify(key, null, 2)): ICredentialDataDecryptedObject => ({
	inputMode: 'json',
	serviceKey: text,
});

type AnyKey = Record<string, unknown> & { uaa?: Record<string, unknown>; endpoints?: Record<string, unknown> };

/** "Enter Fields" mode built from a seed key. */
export function fieldsFrom(type: CredentialType, key: AnyKey): ICredentialDataDecryptedObject {
	const uaa = (FLAT_KEY[type] ? key : key.uaa) as Record<string, string>;
	const xsuaa: ICredentialDataDecryptedObject = uaa.certificate
		? { authType: 'x509', clientId: uaa.clientid, uaaCertUrl: uaa.certurl, certificate: uaa.certificate, privateKey: uaa.key }
		: { authType: 'secret', clientId: uaa.clientid, clientSecret: uaa.clientsecret, uaaUrl: uaa.url };
	const endpoints = (key.endpoints ?? {}) as Record<string, string>;
	const urls: Record<CredentialType, ICredentialDataDecryptedObject> = {
		sapCloudAlmApi: { apiUrl: endpoints.Api },
		sapBtpCloudManagementApi: {
			accountsUrl: endpoints.accounts_service_url,
			entitlementsUrl: endpoints.entitlements_service_url,
			...(endpoints.events_service_url ? { eventsUrl: endpoints.events_service_url } : {}),
		},
		sapBtpServiceManagerApi: { smUrl: key.sm_url as string },
		sapBtpDestinationServiceApi: { destinationUrl: key.uri as string },
	};
	return { inputMode: 'fields', ...urls[type], ...xsuaa };
}

export const tokensIssued = (sim: RunningSimulator) => sim.log.summary().tokensIssuedTotal;

/** Requests the services (not the token endpoints) answered with `status` since log seq `since`. */
export const apiAnswers = (sim: RunningSimulator, status: number, since = 0) =>
	sim.log.entries.filter((e) => e.seq > since && e.status === status && e.service !== 'uaa' && e.service !== 'uaaCert').length;

export const lastSeq = (sim: RunningSimulator) => sim.log.summary().lastSeq;

/** POST to the simulator's control API over HTTP, as any client would. */
export async function control(sim: RunningSimulator, path: string, body: unknown = {}): Promise<unknown> {
	const res = await fetch(`${sim.urls.control}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status}`);
	return await res.json();
}

/** Every secret-looking string of a key: client secrets, private keys (and their base64 bodies). */
export function secretsOf(key: unknown): string[] {
	const out: string[] = [];
	const walk = (v: unknown) => {
		if (Array.isArray(v)) v.forEach(walk);
		else if (v && typeof v === 'object') {
			for (const [k, val] of Object.entries(v)) {
				if (typeof val === 'string' && /^(clientsecret|key)$/.test(k)) {
					out.push(val);
					const body = val.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
					if (body.length > 40) out.push(body.slice(10, 50));
				} else walk(val);
			}
		}
	};
	walk(key);
	return out;
}
