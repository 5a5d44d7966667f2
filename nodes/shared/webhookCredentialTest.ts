import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

/**
 * The SAP Cloud ALM Webhook API credential's test (the trigger and SAP BTP's Connect Cloud ALM to a Webhook both
 * use it). Nothing to call: Cloud ALM calls us. The test only says whether user and password are set.
 */
export async function checkWebhookCredential(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	if (!data.user || !data.password) return { status: 'Error', message: 'Set both user and password' };
	return {
		status: 'OK',
		message: 'Cloud ALM must send this user and password (BasicAuthentication destination)',
	};
}
