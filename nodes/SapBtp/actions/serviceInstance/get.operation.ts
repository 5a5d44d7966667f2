import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { getInstance, getInstanceParameters } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { instanceLocatorField, instanceSummary, readInstanceRef, readSmAccess, smAccessProperties } from '../common';

const properties: INodeProperties[] = [
	...smAccessProperties,
	instanceLocatorField(),
	{
		displayName: 'Include Parameters',
		name: 'includeParameters',
		type: 'boolean',
		default: false,
		description: 'Whether to also read the instance parameters (e.g. its xs-security scopes)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['serviceInstance'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const includeParameters = this.getNodeParameter('includeParameters', i, false) as boolean;
	const { access } = await readSmAccess.call(this, i, session);
	const ref = await readInstanceRef.call(this, i, session, access);
	const instance = (await getInstance(session, access, ref.id))!;
	return {
		...instanceSummary(instance),
		context: instance.context,
		...(includeParameters ? { parameters: await getInstanceParameters(session, access, ref.id) } : {}),
	};
}
