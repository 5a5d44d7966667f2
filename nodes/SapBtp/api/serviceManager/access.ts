/** Service Manager access of an item, and the client bound to it. */
import { NodeOperationError } from 'n8n-workflow';
import { obtainDerivedServiceManagerAccess } from '../accounts';
import { SM_CREDENTIAL, type BtpSession, type SmAccess, type SmAccessMode } from '../session';
import { ServiceManagerClient } from './client';

/** Service Manager access of an item: derived per subaccount via CIS, or the SM credential. */
export async function serviceManagerAccess(session: BtpSession, mode: SmAccessMode, subaccountGuid?: string): Promise<SmAccess> {
	if (mode === 'derived') {
		if (!subaccountGuid) throw new NodeOperationError(session.node, 'Subaccount is required for derived Service Manager access');
		return await obtainDerivedServiceManagerAccess(session, subaccountGuid);
	}
	return await session.once('smAccess', 'credential', async () => {
		const key = await session.smCredentialKey();
		return { id: key.uaa.clientId, smUrl: key.smUrl, auth: { kind: 'credential', credentialType: SM_CREDENTIAL }, action: 'credential' };
	});
}

/** The client of an access (cheap: it holds the two references). */
export const smClient = (session: BtpSession, access: SmAccess) => new ServiceManagerClient(session, access);
