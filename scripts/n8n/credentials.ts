/**
 * Which simulator key feeds which credential type, in the `n8n import:credentials` format. The
 * data fields (`inputMode: 'json'`, `serviceKey`) are those of nodes/shared/credentialProperties.ts
 * ("Paste Service Key JSON"); the e2e suite checks them against the credential types n8n loaded.
 */

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The parts of the simulator's `GET /__sim/keys` (or `RunningSimulator.keys`) that credentials use. */
export interface SimulatorKeys {
	cloudAlm: object;
	cisCentral: object;
	serviceManager: object;
}

/** Fixed ids so workflows can reference credentials by id (n8n ids are free strings; keep ≤ 21 chars). */
export const CREDENTIAL_IDS = {
	sapCloudAlmApi: 'simCloudAlmApi',
	sapBtpCloudManagementApi: 'simBtpCisCentral',
	sapBtpServiceManagerApi: 'simBtpSmDev',
} as const;

export type SapCredentialType = keyof typeof CREDENTIAL_IDS;

const KEY_FOR_TYPE: Record<SapCredentialType, { key: keyof SimulatorKeys; name: string }> = {
	sapCloudAlmApi: { key: 'cloudAlm', name: 'SAP Cloud ALM API (simulator)' },
	sapBtpCloudManagementApi: { key: 'cisCentral', name: 'SAP BTP Cloud Management API (simulator)' },
	sapBtpServiceManagerApi: { key: 'serviceManager', name: 'SAP BTP Service Manager API (simulator)' },
};

export function credentialFromKey(type: SapCredentialType, key: object, overrides: Partial<CredentialImport> = {}): CredentialImport {
	return {
		id: CREDENTIAL_IDS[type],
		name: KEY_FOR_TYPE[type].name,
		type,
		data: { inputMode: 'json', serviceKey: JSON.stringify(key) },
		...overrides,
	};
}

/** sapCloudAlmApi ← keys.cloudAlm, sapBtpCloudManagementApi ← keys.cisCentral, sapBtpServiceManagerApi ← keys.serviceManager. */
export function credentialsFromSimulator(keys: SimulatorKeys): CredentialImport[] {
	return (Object.keys(KEY_FOR_TYPE) as SapCredentialType[]).map((type) => credentialFromKey(type, keys[KEY_FOR_TYPE[type].key]));
}
