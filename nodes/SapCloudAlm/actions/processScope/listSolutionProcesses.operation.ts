import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, requireSegment, type CloudAlmSession } from '../../helpers/api';
import { limitField, returnAllField } from '../common.descriptions';
import { scopeIdField } from './fields';

const properties: INodeProperties[] = [
	scopeIdField,
	returnAllField,
	limitField,
	{
		displayName: 'Scoped Only',
		name: 'scopedOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the solution processes in scope (isScoped), not every process of the scenarios assigned to the scope',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['processScope'], operation: ['listSolutionProcesses'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const id = requireSegment.call(this, 'scopeId', 'Scope ID', i);
	return await session.calm.processScopes.solutionProcesses(id, this.getNodeParameter('scopedOnly', i, false) === true, listLimit.call(this, i));
}
