import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SERVICE } from '../../helpers/constants';
import { calmRequest, segment } from '../../helpers/api';
import { projectLocator } from '../common.descriptions';

const properties: INodeProperties[] = [projectLocator()];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	return (await calmRequest.call(this, {
		method: 'GET',
		path: `${SERVICE.projects}/projects/${segment.call(this, projectId, 'Project', i)}`,
	})) as IDataObject;
}
