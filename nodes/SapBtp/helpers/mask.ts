/**
 * Secrets in outputs (issue 12, hole 4): unless the user switches on "Include Secrets", binding
 * credentials of ANY service are shown by allow-list — every value hidden except fields known to
 * be public (URLs without userinfo, client id, identity zone, xsappname, tenant/subaccount ids,
 * credential-type, the certificate and its expiry …). The list and the reason for each entry:
 * ../../shared/credentialMask.ts. Instance parameters are configuration and stay readable except
 * values whose field name says secret (`maskParameters`).
 */
import type { IDataObject } from 'n8n-workflow';
import { HIDDEN_SECRET, maskCredentials, maskParameters } from '../../shared/credentialMask';

export { HIDDEN_SECRET, maskParameters };

export const credentialsForOutput = (credentials: unknown, includeSecrets: boolean): IDataObject =>
	(includeSecrets ? credentials : maskCredentials(credentials)) as IDataObject;
