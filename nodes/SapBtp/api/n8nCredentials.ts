/**
 * n8n's public REST API, credentials only: the hand-off of a rotated key. What n8n 2.41.1 offers
 * (read in its package: dist/public-api/v1/openapi.yml and controllers/credentials.public.controller.js):
 *   POST   /credentials          create {name, type, data}; data is validated against the type's
 *                                fields (handlers/credentials/credentials.utils.js validateCredentialData)
 *   PATCH  /credentials/{id}     update; `data` replaces the whole data unless isPartialData (owner only;
 *                                managed credentials refused)
 *   DELETE /credentials/{id}     delete;  GET /credentials/{id} reads name and type, never data
 * Each call needs the API key's scope (credential:create, credential:update). The data sent holds
 * the new key's secrets: they are registered for scrubbing, so no error can echo them.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { callApi, type CallAuth } from '../../shared/transport';
import { assertSafeUrl } from '../../shared/urlSafety';
import { ServiceKeyError } from '../../shared/serviceKeyError';
import type { BtpSession } from './session';

export const N8N_API_CREDENTIAL = 'sapN8nApi';
/** The credential type the hand-off writes (credentials/SapCloudAlmApi.credentials.ts). */
export const CLOUD_ALM_CREDENTIAL_TYPE = 'sapCloudAlmApi';

export interface HandedOff extends IDataObject {
	action: 'created' | 'updated';
	credentialId: string;
	credentialName: string;
	credentialType: string;
}

const auth: CallAuth = { kind: 'credential', credentialType: N8N_API_CREDENTIAL };

/** The public API's base URL from the credential (the API key itself is added by n8n: `authenticate`). */
async function baseUrl(session: BtpSession): Promise<string> {
	return await session.once('n8nApi', 'baseUrl', async () => {
		const data = await session.ctx.getCredentials(N8N_API_CREDENTIAL);
		const url = String(data.baseUrl ?? '').trim().replace(/\/+$/, '');
		try {
			assertSafeUrl(url, 'Base URL');
		} catch (error) {
			const message = error instanceof ServiceKeyError ? error.message : String(error);
			throw new NodeOperationError(session.node, `Credential SAP Key Hand-Off API: ${message}`, {
				description: 'Field: Base URL. Enter the public API URL of this n8n instance, e.g. http://localhost:5678/api/v1.',
			});
		}
		return url;
	});
}

/** The credential data of a SAP Cloud ALM API credential holding `key` (pasted-JSON mode). */
export const cloudAlmCredentialData = (key: IDataObject): IDataObject => ({ inputMode: 'json', serviceKey: JSON.stringify(key) });

function registerSecrets(session: BtpSession, key: IDataObject) {
	const uaa = (key.uaa ?? {}) as IDataObject;
	for (const value of [uaa.clientsecret, uaa.key, JSON.stringify(key)]) session.transport.secrets.add(value);
}

/** Creates an n8n credential of type SapCloudAlmApi holding `key`; returns its id. */
export async function createCloudAlmCredential(session: BtpSession, name: string, key: IDataObject): Promise<HandedOff> {
	registerSecrets(session, key);
	const answer = await callApi<IDataObject>(session.ctx, session.transport, auth, {
		service: 'n8n',
		step: 'Hand off: create the n8n credential',
		method: 'POST',
		url: `${await baseUrl(session)}/credentials`,
		body: { name, type: CLOUD_ALM_CREDENTIAL_TYPE, data: cloudAlmCredentialData(key) },
		what: `creating the n8n credential "${name}"`,
	});
	return { action: 'created', credentialId: String(answer.body.id), credentialName: String(answer.body.name), credentialType: CLOUD_ALM_CREDENTIAL_TYPE };
}

/** Replaces the data of n8n credential `id` (PATCH, data replaced as a whole) with `key`. */
export async function updateCloudAlmCredential(session: BtpSession, id: string, key: IDataObject): Promise<HandedOff> {
	registerSecrets(session, key);
	const answer = await callApi<IDataObject>(session.ctx, session.transport, auth, {
		service: 'n8n',
		step: 'Hand off: update the n8n credential',
		method: 'PATCH',
		url: `${await baseUrl(session)}/credentials/${encodeURIComponent(id)}`,
		body: { type: CLOUD_ALM_CREDENTIAL_TYPE, data: cloudAlmCredentialData(key) },
		// the same data twice is harmless
		idempotent: true,
		what: `updating the n8n credential ${id}`,
	});
	return { action: 'updated', credentialId: String(answer.body.id), credentialName: String(answer.body.name), credentialType: String(answer.body.type) };
}
