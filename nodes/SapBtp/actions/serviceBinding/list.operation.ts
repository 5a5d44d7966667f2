import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { BtpSession } from '../../api/session';
import { hintWhenLimited, readInstanceRef, readLimit, readSmAccess } from '../common';
import { includeSecretsField, instanceLocatorField, returnAllAndLimitFields, smAccessProperties } from '../fields';
import { bindingOutput } from './output';

const properties: INodeProperties[] = [
	...smAccessProperties,
	{
		displayName: 'Only Bindings of One Instance',
		name: 'filterByInstance',
		type: 'boolean',
		default: false,
		description: 'Whether to list only the bindings of the instance chosen below',
	},
	{ ...instanceLocatorField(), displayOptions: { show: { filterByInstance: [true] } } },
	...returnAllAndLimitFields,
	includeSecretsField,
];

export const description = updateDisplayOptions({ show: { resource: ['serviceBinding'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject[]> {
	const includeSecrets = this.getNodeParameter('includeSecrets', i, false) as boolean;
	const limit = readLimit.call(this, i);
	const { sm } = await readSmAccess.call(this, i, session);
	const bindings =
		(this.getNodeParameter('filterByInstance', i, false) as boolean)
			? await sm.listBindingsOf('List service bindings', (await readInstanceRef.call(this, i, sm)).id, limit)
			: await sm.listBindings('List service bindings', undefined, limit);
	hintWhenLimited.call(this, i, bindings.length, limit, 'service bindings');
	return bindings.map((b) => bindingOutput(b, includeSecrets));
}
