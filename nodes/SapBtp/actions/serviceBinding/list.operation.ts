import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { listBindings, literal } from '../../api/serviceManager';
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
	const { access } = await readSmAccess.call(this, i, session);
	let fieldQuery: string | undefined;
	if (this.getNodeParameter('filterByInstance', i, false) as boolean) {
		const ref = await readInstanceRef.call(this, i, session, access);
		fieldQuery = `service_instance_id eq ${literal(ref.id)}`;
	}
	return (await listBindings(session, access, fieldQuery, limit)).map((b) => bindingOutput(b, includeSecrets));
}
