import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, type CloudAlmSession } from '../../helpers/api';
import { limitField, returnAllField } from '../common.descriptions';
import { simplifyField } from './fields';

const properties: INodeProperties[] = [returnAllField, limitField, simplifyField('name and description of each provider')];

export const description = updateDisplayOptions({ show: { resource: ['analytics'], operation: ['listProviders'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const providers = await session.calm.analytics.listProviders(listLimit.call(this, i));
	if (!this.getNodeParameter('simplify', i, true)) return providers;
	return providers.map((p) => ({ name: p.name, description: p.description }));
}
