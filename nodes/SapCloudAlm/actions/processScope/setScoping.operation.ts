import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, textOf, type CloudAlmSession } from '../../helpers/api';
import { scopeIdField } from './fields';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const properties: INodeProperties[] = [
	scopeIdField,
	{
		displayName: 'Solution Process Version IDs',
		name: 'solutionProcessVersionIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 9c4d0f00-0000-4000-8000-000000001001, 9c4d0f00-0000-4000-8000-000000001002',
		description: 'The solutionProcessVersionId of each process to change, separated by commas (Get Many Solution Processes returns them)',
	},
	{
		displayName: 'In Scope',
		name: 'isScoped',
		type: 'boolean',
		default: true,
		description: 'Whether to put the processes in scope (on) or take them out of scope (off)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['processScope'], operation: ['setScoping'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const scopeId = requireSegment.call(this, 'scopeId', 'Scope ID', i);
	const raw = textOf.call(this, this.getNodeParameter('solutionProcessVersionIds', i, ''), 'Solution Process Version IDs', i);
	const ids = [...new Set(raw.split(/[\s,;]+/).filter(Boolean))];
	const fix = { itemIndex: i, description: 'Field: Solution Process Version IDs. Give the solutionProcessVersionId values of Get Many Solution Processes, separated by commas.' };
	if (!ids.length) throw new NodeOperationError(this.getNode(), 'Solution Process Version IDs is empty', fix);
	const notIds = ids.filter((id) => !UUID.test(id));
	if (notIds.length) throw new NodeOperationError(this.getNode(), `Solution Process Version IDs: "${notIds.join('", "')}" ${notIds.length === 1 ? 'is not a UUID' : 'are not UUIDs'}`, fix);
	const isScoped = this.getNodeParameter('isScoped', i, true) === true;
	return await session.calm.processScopes.setScoping(
		scopeId,
		ids.map((solutionProcessVersionId) => ({ solutionProcessVersionId: solutionProcessVersionId.toLowerCase(), isScoped })),
	);
}
