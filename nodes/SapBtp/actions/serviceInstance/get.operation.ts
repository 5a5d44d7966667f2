import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { readInstanceParameters } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { maskParameters } from '../../helpers/mask';
import { instanceSummary, readInstanceRef, readSmAccess } from '../common';
import { instanceLocatorField, smAccessProperties } from '../fields';

const properties: INodeProperties[] = [
	...smAccessProperties,
	instanceLocatorField(),
	{
		displayName: 'Include Parameters',
		name: 'includeParameters',
		type: 'boolean',
		default: false,
		description:
			'Whether to also read the instance parameters (e.g. its xs-security scopes). Offerings that are not instances_retrievable (such as SAPCloudALMAPIs) cannot give them: the output then says why.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['serviceInstance'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const includeParameters = this.getNodeParameter('includeParameters', i, false) as boolean;
	const { sm } = await readSmAccess.call(this, i, session);
	const ref = await readInstanceRef.call(this, i, sm);
	const instance = (await sm.getInstance(ref.id))!;
	const out: IDataObject = { ...instanceSummary(instance), context: instance.context };
	if (includeParameters) {
		const read = await readInstanceParameters(sm, ref.id);
		// parameters may hold secrets of other offerings (database passwords, API keys): hidden by field name
		out.parameters = read.retrievable ? maskParameters(read.parameters) : null;
		if (!read.retrievable) out.parametersNote = read.reason;
	}
	return out;
}
