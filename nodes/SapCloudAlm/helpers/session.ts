/**
 * The SAP Cloud ALM node's per-execution session: what every item shares (the token gate and
 * transport, the binding's API URL read once, whether a 403 already proved a scope missing) and
 * the client the operations call. The router creates one per execution; the list searches create
 * theirs the same way.
 */
import { NodeOperationError } from 'n8n-workflow';
import { cloudAlmKeyFromCredentials } from '../../shared/serviceKeys';
import { NodeSession } from '../../shared/session';
import type { TransportContext } from '../../shared/transport';
import { CloudAlmClient } from './client';
import { CREDENTIAL_TYPE } from './constants';

export class CloudAlmSession extends NodeSession {
	/**
	 * Set once a 403 survived a fresh token in this execution: the scope is really missing, so later
	 * calls do not fetch another token for their 403 (one extra token per execution, not per item).
	 */
	scopeConfirmedMissing = false;

	/** Every Cloud ALM call of this execution goes through this client. */
	readonly calm = new CloudAlmClient(this);

	constructor(ctx: TransportContext) {
		super(ctx, [CREDENTIAL_TYPE]);
	}

	/** The binding's `endpoints.Api`, without trailing slash (read once per execution). */
	async apiBase(): Promise<string> {
		return await this.once('credential', 'apiBase', async () => {
			const credentials = await this.ctx.getCredentials(CREDENTIAL_TYPE);
			try {
				return cloudAlmKeyFromCredentials(credentials).apiUrl.replace(/\/+$/, '');
			} catch (error) {
				throw new NodeOperationError(this.node, (error as Error).message, {
					description: 'Fix the SAP Cloud ALM API credential (the binding\'s endpoints.Api).',
				});
			}
		});
	}
}
