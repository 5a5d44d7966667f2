import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { externalReferencesOption, nodeIdField } from './fields';

const properties: INodeProperties[] = [nodeIdField, externalReferencesOption];

export const description = updateDisplayOptions({ show: { resource: ['processHierarchy'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'nodeId', 'Node ID', i);
	return await session.calm.processHierarchy.get(uuid, this.getNodeParameter('externalReferences', i, false) === true);
}
