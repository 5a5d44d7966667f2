import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, segment, type CloudAlmSession } from '../../helpers/api';
import { limitField, projectLocator, returnAllField } from '../common.descriptions';

const properties: INodeProperties[] = [projectLocator(), returnAllField, limitField];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['listTimeboxes'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	return await session.calm.listTimeboxes(segment.call(this, projectId, 'Project', i), listLimit.call(this, i));
}
