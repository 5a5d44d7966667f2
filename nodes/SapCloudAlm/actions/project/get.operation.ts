import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { segment, type CloudAlmSession } from '../../helpers/api';
import { projectLocator } from '../common.descriptions';

const properties: INodeProperties[] = [projectLocator()];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	return await session.calm.getProject(segment.call(this, projectId, 'Project', i));
}
