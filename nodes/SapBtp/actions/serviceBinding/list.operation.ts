import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { BtpSession } from '../../api/session';
import { limitField, returnAllField } from '../../../shared/descriptions';
import { includeSecretsField, instanceLocatorField, readInstanceRef, readSmAccess, smAccessProperties } from '../common';
import { bindingOutput } from './output';

const properties: INodeProperties[] = [
	...smAccessProperties,
	{
		displayName: 'Only Bindings of One Instance',
		name: 'filterByInstance',
		type: 'boolean',
		default: false,
	},
	{ ...instanceLocatorField(), displayOptions: { show: { filterByInstance: [true] } } },
	// Service Manager lists are usually short: return them whole unless told otherwise
	{ ...returnAllField, default: true },
	limitField,
	includeSecretsField,
];

export const description = updateDisplayOptions({ show: { resource: ['serviceBinding'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject[]> {
	const includeSecrets = this.getNodeParameter('includeSecrets', i, false) as boolean;
	const returnAll = this.getNodeParameter('returnAll', i, true) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
	const { sm } = await readSmAccess.call(this, i, session);
	const bindings =
		(this.getNodeParameter('filterByInstance', i, false) as boolean)
			? await sm.listBindingsOf('List service bindings', (await readInstanceRef.call(this, i, sm)).id, limit)
			: await sm.listBindings('List service bindings', undefined, limit);
	return bindings.map((b) => bindingOutput(b, includeSecrets));
}
