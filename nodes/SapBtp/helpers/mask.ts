/**
 * Secrets in outputs: binding credentials carry `uaa.clientsecret` (or, for X.509, `uaa.key`, the
 * private key). Unless the user switches on "Include Secrets" they are replaced by a marker, so
 * execution logs never hold them. The certificate is public and stays.
 */
import type { IDataObject } from 'n8n-workflow';

export const HIDDEN_SECRET = '**hidden** (enable Include Secrets)';
const SECRET_FIELDS = new Set(['clientsecret', 'client_secret', 'key', 'password', 'private_key', 'privateKey']);

export function maskSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => maskSecrets(v) as unknown) as T;
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(value as IDataObject)) {
			out[k] = SECRET_FIELDS.has(k) && typeof v === 'string' ? HIDDEN_SECRET : (maskSecrets(v) as IDataObject[keyof IDataObject]);
		}
		return out as T;
	}
	return value;
}

export const credentialsForOutput = (credentials: unknown, includeSecrets: boolean): IDataObject =>
	(includeSecrets ? credentials : maskSecrets(credentials)) as IDataObject;
