/**
 * Verifies a Cloud ALM API binding the way its user will use it: its credentials must parse as
 * the SAP Cloud ALM API credential does, and its XSUAA client must yield a token (whose scopes
 * are reported). The token itself is never returned.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { parseCloudAlmKey, ServiceKeyError } from '../../shared/serviceKeys';
import { fetchTokenWithRetry } from '../../shared/transport';
import type { BtpSession } from './session';

export interface BindingVerification {
	tokenObtained: true;
	apiUrl: string;
	credentialType: string;
	scopes: string[];
	expiresIn: number;
}

export async function verifyCloudAlmBinding(session: BtpSession, credentials: IDataObject | undefined): Promise<BindingVerification> {
	let key;
	try {
		key = parseCloudAlmKey(credentials ?? {});
	} catch (error) {
		const message = error instanceof ServiceKeyError ? error.message : String(error);
		throw new NodeOperationError(session.node, `The binding's credentials are not a usable SAP Cloud ALM API key: ${message}`, {
			description: 'Step: Verify the binding',
		});
	}
	const token = await fetchTokenWithRetry(session.ctx, session.transport, key.uaa, 'Verify the binding (token)');
	return {
		tokenObtained: true,
		apiUrl: key.apiUrl,
		credentialType: key.uaa.credentialType,
		// `sapcloudalm!b2.calm-api.tasks.read` → `calm-api.tasks.read`
		scopes: token.scopes.map((s) => s.replace(/^[^.]*![^.]*\./, '')).sort(),
		expiresIn: token.expiresIn,
	};
}
