import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { nodeIdField } from './fields';

const properties: INodeProperties[] = [
	{ ...nodeIdField, description: "The hierarchy node's UUID; the nodes below it are deleted with it" },
];

export const description = updateDisplayOptions({ show: { resource: ['processHierarchy'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'nodeId', 'Node ID', i);
	await session.calm.processHierarchy.delete(uuid);
	return { uuid: decodeURIComponent(uuid), deleted: true };
}
